#!/usr/bin/env node
// `npm run cluster -- [--instances 2] [--port 3000] [--no-build] [--log-file <path>]`: several instances
// of one build against one database, behind HAProxy (deploy/haproxy.cfg.template), started by one command
// and stopped by Ctrl-C or SIGTERM with nothing left running.
//
// The balancer listens on --port (default PORT, else 3000) and the instances on the ports after it
// (3001, 3002, …), each named app-1, app-2, … in the X-Instance response header. The configuration is
// checked, the build made (unless --no-build) and the database migrated once, then each instance runs
// `next start` with TRUSTED_PROXY_HOPS=1 and AUTH_URL set to the balancer's address.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { ensureBuild } from "./lib/build.mjs";
import { checkConfig, ensureAuthUrl, ensureSecret, migrate } from "./lib/prepare.mjs";
import { bin, fail, withPeerAddress } from "./lib/run.mjs";

const TEMPLATE = "deploy/haproxy.cfg.template";
const STOP_GRACE_MS = 10_000;
const READY_TIMEOUT_MS = 120_000;

function flag(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (!value || value.startsWith("--")) fail(`--${name} needs a value`);
  return value;
}

function portNumber(name, value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`${name} must be a port number (got "${value}")`);
  return port;
}

const say = (message) => console.log(`[cluster] ${message}`);

const instances = Number(flag("instances", "2"));
if (!Number.isInteger(instances) || instances < 1 || instances > 16) fail("--instances must be a whole number from 1 to 16");
const port = portNumber("--port", flag("port", process.env.PORT?.trim() || "3000"));
const instancePorts = Array.from({ length: instances }, (_, index) => portNumber("instance port", String(port + 1 + index)));
const logFile = flag("log-file", undefined);
if (logFile) mkdirSync(dirname(logFile), { recursive: true });
const log = logFile ? createWriteStream(logFile, { flags: "a" }) : undefined;

const haproxy = [process.env.HAPROXY, "/usr/sbin/haproxy", "/usr/local/sbin/haproxy"].find((path) => path && existsSync(path));
if (!haproxy) fail("HAProxy is not installed: sudo apt-get install -y haproxy (or set HAPROXY to its path)");

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
ensureSecret(env); // once, so every instance shares it
ensureAuthUrl(env, String(port)); // the balancer's address: the one the browser sees
if (!env.TRUSTED_PROXY_HOPS?.trim()) env.TRUSTED_PROXY_HOPS = "1"; // the balancer appends the client's address to X-Forwarded-For
await checkConfig(env, "production");
await migrate(env); // once, before any instance serves
if (process.argv.includes("--no-build")) {
  if (!existsSync(".next/BUILD_ID")) fail("no production build found: run `npm run build` first");
} else {
  await ensureBuild();
}

const children = new Set();
let stopping = false;

/** Runs a child in this process group (so a kill of the group reaches it), its output prefixed by name. */
function start(name, command, args, childEnv) {
  const child = spawn(command, args, { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      const text = `[${name}] ${line}\n`;
      (stream === child.stderr ? process.stderr : process.stdout).write(text);
      log?.write(text);
    });
  }
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`[cluster] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the cluster`);
      void stop(1);
    }
  });
  return child;
}

async function waitForHealth(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !stopping) {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) {
    console.error(`[cluster] ${url} did not answer within ${READY_TIMEOUT_MS / 1000} s; stopping the cluster`);
    await stop(1);
  }
}

/** SIGTERM to every child, SIGKILL to any still running after the grace period; then exit. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  const exited = [...children].map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of children) child.kill("SIGTERM");
  const timer = setTimeout(() => {
    for (const child of children) child.kill("SIGKILL");
  }, STOP_GRACE_MS);
  await Promise.all(exited);
  clearTimeout(timer);
  say("stopped");
  log?.end();
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stop(0));

const instanceEnv = withPeerAddress({ ...env });
instancePorts.forEach((instancePort, index) => {
  const name = `app-${index + 1}`;
  say(`starting ${name} on http://127.0.0.1:${instancePort}`);
  start(name, bin("next"), ["start", "--port", String(instancePort), "--hostname", "127.0.0.1", "--keepAliveTimeout", "65000"], {
    ...instanceEnv,
    PORT: String(instancePort),
    INSTANCE_NAME: name,
  });
});
await Promise.all(instancePorts.map((instancePort) => waitForHealth(`http://127.0.0.1:${instancePort}/api/health`)));

mkdirSync(".cluster", { recursive: true });
const config = `.cluster/haproxy-${port}.cfg`;
const servers = instancePorts.map((instancePort, index) => `    server app-${index + 1} 127.0.0.1:${instancePort}`).join("\n");
writeFileSync(config, readFileSync(TEMPLATE, "utf8").replace("{{BIND}}", `:::${port} v4v6`).replace("{{SERVERS}}", servers));
say(`starting HAProxy (${haproxy}) on port ${port} with ${config}`);
start("haproxy", haproxy, ["-db", "-f", config], env);
await waitForHealth(`http://127.0.0.1:${port}/api/health`);
if (!stopping) {
  say(
    `ready: ${env.AUTH_URL} → ${instancePorts.map((instancePort, index) => `app-${index + 1} (:${instancePort})`).join(", ")}, roundrobin, AUTH_SESSION_STRATEGY=${env.AUTH_SESSION_STRATEGY || "database"}`,
  );
  say("Ctrl-C stops every instance and the balancer");
}
