import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** A locally installed CLI, run directly (not through npx, which adds start-up time and npm warnings). */
export function bin(name) {
  return join("node_modules", ".bin", name);
}

/**
 * Preloads scripts/lib/peer-address.mjs into the server (NODE_OPTIONS, so the processes Next.js starts
 * get it too): the app then sees each request's connection address (lib/request-meta.ts).
 */
export function withPeerAddress(env) {
  const preload = `--import "${pathToFileURL(resolve("scripts/lib/peer-address.mjs")).href}"`;
  if (!env.NODE_OPTIONS?.includes(preload)) env.NODE_OPTIONS = [env.NODE_OPTIONS?.trim(), preload].filter(Boolean).join(" ");
  return env;
}

const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Runs a command with inherited output; resolves with its exit code. Signals sent to this process
 * (a process manager's SIGTERM, Ctrl-C) are passed on, so the child is never left running alone.
 * With `logFile`, its output is also appended to that file.
 */
export function run(command, args, { logFile, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: logFile ? ["inherit", "pipe", "pipe"] : "inherit", ...options });
    if (logFile) {
      const file = createWriteStream(logFile, { flags: "a" });
      child.stdout?.on("data", (chunk) => (process.stdout.write(chunk), file.write(chunk)));
      child.stderr?.on("data", (chunk) => (process.stderr.write(chunk), file.write(chunk)));
      child.on("close", () => file.end());
    }
    const forward = (signal) => child.kill(signal);
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    child.on("error", (error) => {
      stopForwarding();
      reject(error);
    });
    child.on("exit", (code, signal) => {
      stopForwarding();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export function log(message) {
  console.log(`[auth-modes] ${message}`);
}

export function fail(message) {
  console.error(`[auth-modes] ${message}`);
  process.exit(1);
}
