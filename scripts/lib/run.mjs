import { spawn } from "node:child_process";
import { join } from "node:path";

/** A locally installed CLI, run directly (not through npx, which adds start-up time and npm warnings). */
export function bin(name) {
  return join("node_modules", ".bin", name);
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export function log(message) {
  console.log(`[auth-modes] ${message}`);
}

export function fail(message) {
  console.error(`[auth-modes] ${message}`);
  process.exit(1);
}
