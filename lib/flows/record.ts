import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FLOW_MODES, FLOWS } from "./catalog";
import { driveFlows, FlowClient, type Account } from "./drive";
import type { FlowRecording } from "./types";

// Records every flow of every mode: per mode, `next start` from the current build on a fresh SQLite
// database with the recorder on (AUTH_MODES_RECORD_FLOWS), the flows driven over HTTP, the server
// stopped. Used by `npm run flows` and by e2e/flows.spec.ts.

/** The account SEED_DEMO_USER=force seeds (lib/users.ts DEMO_USER): the same user in every recording. */
const DEMO: Account = { email: "demo@example.com", password: "demo-password-1234" };

type FlowMode = (typeof FLOW_MODES)[number];

async function waitForServer(url: string, server: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} did not start within ${timeoutMs / 1000} s`);
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/**
 * The caller's environment (PATH and the like), which the servers and the migration inherit, less the
 * app's own settings: every recording starts from the same configuration.
 */
function inherited(baseEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = { ...baseEnv };
  for (const name of Object.keys(kept)) {
    if (/^(AUTH_|DATABASE_|SEED_DEMO_USER$|PASSWORD_PEPPER$|INSTANCE_NAME$|TRUSTED_PROXY_HOPS$)/.test(name)) delete kept[name];
  }
  return kept;
}

/** A migrated, empty SQLite database, copied for each mode (a migration takes seconds, a copy nothing). */
function migratedDatabase(dir: string, baseEnv: NodeJS.ProcessEnv): string {
  const file = join(dir, "template.db");
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...inherited(baseEnv), DATABASE_URL: `file:${file}` },
    stdio: "ignore",
  });
  return file;
}

async function recordMode(mode: FlowMode, port: number, template: string, baseEnv: NodeJS.ProcessEnv): Promise<FlowRecording[]> {
  const dir = mkdtempSync(join(tmpdir(), `auth-modes-flows-${mode.id}-`));
  const recordDir = join(dir, "recording");
  const base = `http://localhost:${port}`;
  copyFileSync(template, join(dir, "app.db"));
  const databaseUrl = `file:${join(dir, "app.db")}`;
  let output = "";
  const server = spawn(join("node_modules", ".bin", "next"), ["start", "--port", String(port)], {
    env: {
      ...inherited(baseEnv),
      ...mode.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_URL: base,
      AUTH_BCRYPT_COST: "4",
      SEED_DEMO_USER: "force",
      AUTH_MODES_RECORD_FLOWS: recordDir,
      // Every check reads, as a first check does: with the session cache on, whether a load lands within a
      // second of the last one would decide whether its read shows (docs/flows.md says so).
      AUTH_SESSION_CACHE_TTL_MS: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-4_000));
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  try {
    await waitForServer(`${base}/api/health`, server);
    const flows = await driveFlows(new FlowClient(base, recordDir, mode.id), DEMO);
    return FLOWS.map((flow) => ({ mode: mode.id, flow: flow.id, requests: flows[flow.id] }));
  } catch (error) {
    throw new Error(
      `recording the ${mode.id} flows failed: ${error instanceof Error ? error.message : String(error)}\nserver output:\n${output}`,
    );
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every mode, on ports from `firstPort` (one each). The modes run side by side, each on its own server
 * and database; within a server the recorder counts one request at a time, so each is driven sequentially.
 */
export async function recordAllFlows(firstPort: number, baseEnv: NodeJS.ProcessEnv): Promise<FlowRecording[]> {
  const dir = mkdtempSync(join(tmpdir(), "auth-modes-flows-"));
  try {
    const template = migratedDatabase(dir, baseEnv);
    const perMode = await Promise.all(FLOW_MODES.map((mode, index) => recordMode(mode, firstPort + index, template, baseEnv)));
    return perMode.flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
