// e2e only: starts every server of the run (e2e/support/servers.ts) at once, a few at a time, and answers
// on SERVERS_READY_PORT once all of them answer. Playwright starts the servers of its `webServer` list one
// after the other, each waiting for the last: sixteen of them cost minutes. On SIGTERM or SIGINT, stops
// them all (SIGTERM to each process group, SIGKILL to what is left after 25 s) and exits.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import https from "node:https";
import { E2E_SERVERS, SERVERS_READY_PORT, type E2EServer } from "./servers";

/** Servers starting at once: each start takes most of a core for a few seconds, and the machine has two. */
const STARTING_AT_ONCE = 4;
const STOP_GRACE_MS = 25_000;

const started = Date.now();
const children = new Map<string, ChildProcess>();
let stopping = false;

function say(message: string): void {
  console.log(`[servers] ${message}`);
}

/** Each line of a server's output, prefixed with its name. */
function relay(name: string, stream: NodeJS.ReadableStream, to: NodeJS.WriteStream): void {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) to.write(`[${name}] ${line}\n`);
  });
  stream.on("end", () => {
    if (rest) to.write(`[${name}] ${rest}\n`);
  });
}

/** Whether `url` answers with a status Playwright's webServer would accept (2xx or 3xx). */
function answers(url: string): Promise<boolean> {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve) => {
    const request = client.get(url, { rejectUnauthorized: false, timeout: 5_000 }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(server: E2EServer): Promise<void> {
  const child = spawn(server.command, {
    shell: "/bin/sh",
    env: { ...process.env, ...server.env },
    // A group of its own: stopping it reaches whatever it started (next start, the cluster's instances).
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.set(server.name, child);
  if (child.stdout) relay(server.name, child.stdout, process.stdout);
  if (child.stderr) relay(server.name, child.stderr, process.stderr);
  let exited: string | null = null;
  child.once("exit", (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
    children.delete(server.name);
    if (!stopping) say(`${server.name} exited (${exited})`);
  });
  const deadline = Date.now() + server.timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${server.name} exited before it answered (${exited})`);
    if (await answers(server.url)) break;
    if (Date.now() > deadline) throw new Error(`${server.name} did not answer ${server.url} within ${server.timeoutMs / 1000} s`);
    await sleep(250);
  }
  say(`${server.name} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function stopAll(): Promise<void> {
  stopping = true;
  const running = [...children.values()];
  for (const child of running) if (child.pid) signalGroup(child.pid, "SIGTERM");
  const allExited = Promise.all(
    running.map((child) => (child.exitCode !== null || child.signalCode ? null : new Promise((r) => child.once("exit", r)))),
  );
  await Promise.race([allExited, sleep(STOP_GRACE_MS)]);
  for (const child of children.values()) if (child.pid) signalGroup(child.pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
  process.once(signal, () => {
    say(`stopping ${children.size} servers…`);
    void stopAll().then(() => {
      say("stopped");
      process.exit(0);
    });
  });
}

say(`starting ${E2E_SERVERS.length} servers, ${STARTING_AT_ONCE} at a time…`);
const queue = [...E2E_SERVERS];
try {
  await Promise.all(
    Array.from({ length: STARTING_AT_ONCE }, async () => {
      for (let server = queue.shift(); server; server = queue.shift()) await start(server);
    }),
  );
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  await stopAll();
  process.exit(1);
}
http
  .createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(`${E2E_SERVERS.length} servers ready\n`);
  })
  .listen(SERVERS_READY_PORT, "127.0.0.1", () =>
    say(`all ${E2E_SERVERS.length} ready after ${((Date.now() - started) / 1000).toFixed(1)} s`),
  );
