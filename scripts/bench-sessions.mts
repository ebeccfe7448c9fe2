// `npm run bench:sessions`: what one session check costs in each mode, measured in-process.
//
// A "session check" is what `auth()` runs for every signed-in page and server action: Auth.js's session
// action with this app's configuration (lib/auth/config.ts), against a real SQLite file. For each mode
// the script signs a user in, then times CHECKS checks of the same cookie and counts the SQL statements
// they send. It is a benchmark, not a test: it asserts nothing and prints a table.
//
// Each mode runs in its own child process, because the configuration is read once per process.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const MODES = {
  database: { AUTH_SESSION_STRATEGY: "database" },
  jwt: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" },
  "jwt-stateless": { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" },
} as const;
type Mode = keyof typeof MODES;

const CHECKS = Number(process.argv.find((arg) => arg.startsWith("--checks="))?.slice(9) ?? 2_000);
const WARMUP = 200;

type Result = { mode: Mode; checks: number; p50: number; p99: number; mean: number; queriesPerCheck: number; writesPerCheck: number; cookieBytes: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** `server-only` throws outside the React Server Components build; this process is a server, so it is a no-op here. */
function allowServerOnlyModules() {
  const require = createRequire(import.meta.url);
  const path = require.resolve("server-only");
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = {};
  require.cache[path] = stub;
}

async function measure(mode: Mode): Promise<Result> {
  allowServerOnlyModules();
  // The instrumented client must be in place before lib/db.ts creates its own.
  const { SqliteAdapterFactory } = await import("../lib/db");
  const { PrismaClient } = await import("../lib/generated/prisma/client");
  const { getEnv } = await import("../lib/env");
  let queries = 0;
  let writes = 0;
  const client = new PrismaClient({ adapter: new SqliteAdapterFactory({ url: getEnv().DATABASE_URL }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    queries += 1;
    if (/^\s*(INSERT|UPDATE|DELETE)/i.test(event.query)) writes += 1;
  });
  (globalThis as { prisma?: unknown }).prisma = client;

  const { Auth } = await import("@auth/core");
  const { encode } = await import("next-auth/jwt");
  const { buildAuthConfig } = await import("../lib/auth/config");
  const { sessionCookieName } = await import("../lib/auth/cookies");
  const { createSessionRow } = await import("../lib/auth/session-rows");
  const { generateSessionToken } = await import("../lib/auth/session-token");
  const env = getEnv();
  const config = { ...buildAuthConfig(), basePath: "/api/auth" };
  const name = sessionCookieName(false);

  const user = await client.user.create({ data: { email: `bench-${Date.now()}@example.test`, name: "Bench" } });
  let value: string;
  if (mode === "database") {
    value = await createSessionRow(user.id);
  } else {
    const sid = mode === "jwt" ? await createSessionRow(user.id) : generateSessionToken();
    const token = { sub: user.id, name: user.name, email: user.email, role: user.role, authTime: Math.floor(Date.now() / 1000), sid };
    value = await encode({ token, secret: env.AUTH_SECRET, salt: name, maxAge: env.AUTH_SESSION_MAX_AGE });
  }
  const check = async () => {
    const response = await Auth(new Request("http://localhost:3000/api/auth/session", { headers: { cookie: `${name}=${value}` } }), config);
    const body = (await response.json()) as { user?: { id?: string } } | null;
    if (body?.user?.id !== user.id) throw new Error(`the session check failed in ${mode} mode`);
  };

  for (let i = 0; i < WARMUP; i++) await check();
  queries = 0;
  writes = 0;
  const samples: number[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const start = performance.now();
    await check();
    samples.push((performance.now() - start) * 1000);
  }
  const counted = { queries, writes };
  await client.$disconnect();
  samples.sort((a, b) => a - b);
  return {
    mode,
    checks: CHECKS,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
    queriesPerCheck: counted.queries / CHECKS,
    writesPerCheck: counted.writes / CHECKS,
    cookieBytes: Buffer.byteLength(`${name}=${value}`),
  };
}

const child = process.argv.find((arg) => arg.startsWith("--child="))?.slice(8) as Mode | undefined;
if (child) {
  process.stdout.write(`${JSON.stringify(await measure(child))}\n`);
} else {
  console.log(`[bench:sessions] ${CHECKS} session checks per mode after ${WARMUP} warm-up checks; ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`);
  const results: Result[] = [];
  for (const mode of Object.keys(MODES) as Mode[]) {
    const dir = mkdtempSync(join(tmpdir(), "auth-modes-bench-"));
    const env = {
      ...process.env,
      ...MODES[mode],
      DATABASE_URL: `file:${join(dir, "bench.db")}`,
      AUTH_SECRET: "bench-only-secret-not-for-production-0123456789",
      SEED_DEMO_USER: "false",
    };
    try {
      console.log(`[bench:sessions] ${mode}: migrating a fresh SQLite database…`);
      execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env, stdio: "ignore" });
      console.log(`[bench:sessions] ${mode}: measuring…`);
      const run = spawnSync(join("node_modules", ".bin", "tsx"), ["scripts/bench-sessions.mts", `--child=${mode}`, `--checks=${CHECKS}`], {
        env,
        encoding: "utf8",
      });
      if (run.status !== 0) throw new Error(`${mode} failed:\n${run.stderr}`);
      results.push(JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as Result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows = results.map((r) => [
    r.mode,
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    r.mean.toFixed(0),
    r.queriesPerCheck.toFixed(2),
    r.writesPerCheck.toFixed(3),
    String(r.cookieBytes),
  ]);
  const header = ["mode", "p50 µs", "p99 µs", "mean µs", "SQL/check", "writes/check", "cookie bytes"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(["", line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
  console.log(`\n[bench:sessions] done ${new Date().toISOString()}`);
}
