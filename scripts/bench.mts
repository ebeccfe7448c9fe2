// `npm run bench`: what a session check costs in each mode, measured on this machine in one run.
//
// For database sessions, jwt with the sid registry and stateless jwt, on SQLite and on PostgreSQL (a
// database of its own per mode, created and dropped on the server at --postgres-url, by default
// postgresql://postgres@127.0.0.1:5432/postgres; skipped with a note when it does not answer, or with
// --no-postgresql):
//   1. in process (a child process per mode): the read path's session check (lib/auth/session-check.ts)
//      and Auth.js's session action on the same cookie, p50/p99, with the SQL statements each sends
//      (Prisma query events); a bare `SELECT 1` as the database's floor; the cookie's bytes at each
//      onboarding step;
//   2. whole requests: `next start` from the current build, a signed-in /dashboard against the same
//      page without the session check (the control, lib/auth/bench-control.ts), with autocannon on
//      loopback, alternating rounds; then revocation latency: the session deleted in the database,
//      the time until the server refuses it;
//   3. event-loop delay (perf_hooks.monitorEventLoopDelay) while 20 sign-ins' bcrypt checks at
//      production cost run at once (on lib/auth/password-threads.ts's worker threads, as in the server).
// It prints a table, writes bench/results/latest.json and renders the charts (vega-lite, SVG) the
// README shows. A benchmark, not a test: it asserts nothing. Flags: --quick (shorter rounds and fewer
// checks); --server-starts=K, --rounds=N and --round-seconds=S (whole requests: K server processes per
// mode, each with two pairs of warm-up and N counted pairs of S-second rounds; 2 × 4 pairs of 3 s by default);
// --modes=database,jwt,… and --http-only, for a partial run that prints its tables and writes nothing.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { Config, InStatement, Client as LibsqlClient } from "@libsql/client";
import pg from "pg";
import { databaseProviderOf } from "../lib/database-url";
import { checkPostgres } from "./lib/postgres-check.mjs";

const MODES = {
  database: { AUTH_SESSION_STRATEGY: "database", AUTH_JWT_REVOCATION: "sid" },
  jwt: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" },
  "jwt-version": { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "version" },
  "jwt-stateless": { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" },
} as const;
type Mode = keyof typeof MODES;
const ALL_MODES = Object.keys(MODES) as Mode[];

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function positiveInteger(name: string, fallback: number): number {
  const given = option(name);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number of at least 1, not "${given}"`);
  return value;
}

function chosenModes(): Mode[] {
  const given = option("modes");
  if (given === undefined) return ALL_MODES;
  const names = given.split(",").filter(Boolean);
  const unknown = names.filter((name) => !ALL_MODES.includes(name as Mode));
  if (unknown.length || !names.length) throw new Error(`--modes takes some of ${ALL_MODES.join(", ")}, not "${given}"`);
  return names as Mode[];
}

const QUICK = process.argv.includes("--quick");
const HTTP_ONLY = process.argv.includes("--http-only");
const MODE_NAMES = chosenModes();
/** A run of only some of the measurements: it prints its tables and leaves bench/results/ as it is. */
const PARTIAL = HTTP_ONLY || MODE_NAMES.length < ALL_MODES.length;
const CHECKS = QUICK ? 500 : 2_000;
const AUTHJS_CHECKS = QUICK ? 100 : 300;
const ROUND_SECONDS = positiveInteger("round-seconds", 3);
// Pairs of rounds, in alternating order (signed-in first, then control first), so that neither side
// always runs on the warmer or the more disturbed half of a pair.
const ROUNDS = positiveInteger("rounds", QUICK ? 2 : 4);
const WARM_UP_PAIRS = QUICK ? 1 : 2;
/** Server processes per mode and database, each with its warm-up and ROUNDS counted pairs. */
const SERVER_STARTS = positiveInteger("server-starts", QUICK ? 1 : 2);
const CONNECTIONS = 8;
const PORT_BASE = 3390;
const SECRET = randomBytes(32).toString("base64");
const t0 = performance.now();

function progress(message: string) {
  console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A database the bench creates (and drops) for one mode: a SQLite file, or a PostgreSQL database on one server. */
type BenchDatabase = { name: string; create(label: string): Promise<{ url: string; drop(): Promise<void> }> };

const sqlite: BenchDatabase = {
  name: "sqlite",
  async create(label) {
    const dir = mkdtempSync(join(tmpdir(), `auth-modes-bench-${label}-`));
    return { url: `file:${join(dir, "bench.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

/** Databases named am_bench_<label>_<random> on the server of `serverUrl`, created empty and dropped after. */
function postgresql(serverUrl: string): BenchDatabase {
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: "postgresql",
    async create(label) {
      const name = `am_bench_${label.replace(/[^a-z0-9]/gi, "_")}_${randomBytes(4).toString("hex")}`.toLowerCase();
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    },
  };
}

/** SQL statements sent, by kind: counted where they leave for the database (see benchClient). */
const statements = { reads: 0, writes: 0 };

function countStatement(sql: string) {
  if (/^\s*(INSERT|UPDATE|DELETE)/i.test(sql)) statements.writes += 1;
  else if (/^\s*SELECT/i.test(sql)) statements.reads += 1;
}

/**
 * A Prisma client for either provider, with every SQL statement it sends counted in `statements`. On
 * PostgreSQL from Prisma's query events; on SQLite at the libsql client, the layer below Prisma, since
 * the session lookup goes to it directly (lib/db.ts, `sqliteReadClient`). Both clients come from one model
 * definition, so the SQLite client's type covers the PostgreSQL one (as in lib/db.ts).
 */
async function benchClient(url: string, pool: "the app's settings" | "one connection" = "the app's settings") {
  const { PostgresAdapterFactory, SqliteAdapterFactory, postgresPoolConfig } = await import("../lib/db");
  const { PrismaClient } = await import("../lib/generated/prisma/client");
  if (databaseProviderOf(url) === "postgresql") {
    const log = [{ emit: "event" as const, level: "query" as const }];
    const { PrismaClient: PostgresPrismaClient } = await import("../lib/generated/postgresql/client");
    const config = pool === "one connection" ? { connectionString: url, max: 1 } : postgresPoolConfig(url);
    const client = new PostgresPrismaClient({ adapter: new PostgresAdapterFactory(config), log });
    client.$on("query", (event) => countStatement(event.query));
    return client as unknown as InstanceType<typeof PrismaClient>;
  }
  type Statement = InStatement;
  const sqlOf = (statement: Statement) => (typeof statement === "string" ? statement : statement.sql);
  class CountingFactory extends SqliteAdapterFactory {
    createClient(config: Config): LibsqlClient {
      const client = super.createClient(config); // the object lib/db.ts keeps as sqliteReadClient: counted in place
      const { execute, transaction } = client;
      return Object.assign(client, {
        execute: ((statement: Statement) => {
          countStatement(sqlOf(statement));
          return execute.call(client, statement);
        }) as LibsqlClient["execute"],
        transaction: (async (...txArgs: Parameters<LibsqlClient["transaction"]>) => {
          const tx = await transaction.apply(client, txArgs);
          const txExecute = tx.execute;
          return Object.assign(tx, {
            execute: (statement: Statement) => {
              countStatement(sqlOf(statement));
              return txExecute.call(tx, statement);
            },
          });
        }) as LibsqlClient["transaction"],
      });
    }
  }
  return new PrismaClient({ adapter: new CountingFactory({ url }) });
}

function migrate(url: string) {
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
}

// ---------------------------------------------------------------------------------------------------
// 1. In process (child)

type ReadPath = { p50: number; p99: number; readsPerCheck: number; writesPerCheck: number };
type InProcess = {
  mode: Mode;
  /** The read path as configured: with the session cache (AUTH_SESSION_CACHE_TTL_MS) and, in jwt modes, the cache of accepted tokens, repeated checks of one session are hits. */
  readPath: ReadPath;
  /** The same checks with both caches off (AUTH_SESSION_CACHE_TTL_MS=0, a child of its own): every check reads the database, every token is decrypted. */
  readPathUncached?: ReadPath;
  cacheTtlMs: number;
  /** PostgreSQL, database mode: from a write on another connection until this instance's entry is dropped (NOTIFY). */
  crossInstanceInvalidation?: { samples: number; p50Ms: number; p99Ms: number; maxMs: number } | null;
  authJs: { p50: number; p99: number; readsPerCheck: number; writesPerCheck: number };
  selectOne: { p50: number };
  cookieBytes: { step: string; bytes: number }[];
};

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

async function timeIt(count: number, run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run();
    samples.push((performance.now() - start) * 1000);
  }
  return samples.sort((a, b) => a - b);
}

/** `--read-path-only`: the read path alone (the parent runs it again with the cache off). */
const READ_PATH_ONLY = process.argv.includes("--read-path-only");

/**
 * PostgreSQL: a write to the user's row from another connection (another instance), timed until the
 * listener of this one has dropped the cached session: the cross-instance part of revocation latency.
 */
async function crossInstanceInvalidation(url: string, userId: string, check: () => Promise<void>, hash: string) {
  const { isSessionCached } = await import("../lib/auth/session-cache");
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  const samples: number[] = [];
  try {
    for (let i = 0; i < (QUICK ? 20 : 100); i++) {
      await check();
      if (!isSessionCached(hash)) throw new Error("the session was not cached (is the listener connected?)");
      const start = performance.now();
      await other.query(`UPDATE "User" SET "name" = $1 WHERE "id" = $2`, [`Bench User ${i}`, userId]);
      while (isSessionCached(hash)) {
        if (performance.now() - start > 5_000) throw new Error("the cached session was not dropped within 5 s");
        await new Promise((resolve) => setImmediate(resolve));
      }
      samples.push(performance.now() - start);
    }
  } finally {
    await other.end();
  }
  samples.sort((a, b) => a - b);
  return { samples: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: samples.at(-1) ?? Number.NaN };
}

async function inProcess(mode: Mode): Promise<InProcess> {
  allowServerOnlyModules();
  const { getEnv } = await import("../lib/env");
  const counts = statements;
  const client = await benchClient(getEnv().DATABASE_URL);
  (globalThis as { prisma?: unknown }).prisma = client;

  const { Auth } = await import("@auth/core");
  const { buildAuthConfig } = await import("../lib/auth/config");
  const { sessionCookieName } = await import("../lib/auth/cookies");
  const { checkSessionCookie } = await import("../lib/auth/session-check");
  const { createSessionRow } = await import("../lib/auth/session-rows");
  const { generateSessionToken } = await import("../lib/auth/session-token");
  const { encodeSessionToken } = await import("../lib/auth/jwt");
  const env = getEnv();
  const config = { ...buildAuthConfig(), basePath: "/api/auth" };
  const name = sessionCookieName(false);

  const user = await client.user.create({ data: { email: `bench-${Date.now()}@example.test`, name: "Bench User" } });
  const now = Math.floor(Date.now() / 1000);
  const claims = async () => {
    const sid = mode === "jwt" ? await createSessionRow(user.id) : generateSessionToken();
    const version = mode === "jwt-version" ? { ver: user.tokenVersion } : {};
    return { sub: user.id, name: user.name, email: user.email, role: user.role, authTime: now, checkedAt: now, sid, ...version };
  };
  const value =
    mode === "database"
      ? await createSessionRow(user.id)
      : await encodeSessionToken({ token: await claims(), salt: name, maxAge: env.AUTH_SESSION_MAX_AGE });

  const measure = async (count: number, check: () => Promise<void>) => {
    for (let i = 0; i < Math.min(200, count); i++) await check();
    counts.reads = 0;
    counts.writes = 0;
    const samples = await timeIt(count, check);
    return {
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      readsPerCheck: counts.reads / count,
      writesPerCheck: counts.writes / count,
    };
  };
  const readPathCheck = async () => {
    const result = await checkSessionCookie(value);
    if (result.session?.user.id !== user.id) throw new Error(`the read path refused the session in ${mode} mode`);
  };
  const postgres = databaseProviderOf(env.DATABASE_URL) === "postgresql";
  const { startSessionCacheListener, stopSessionCacheListener } = await import("../lib/auth/session-cache-listener");
  // On PostgreSQL the cache is used once the listener is connected: not the first checks' business here.
  if (postgres && env.AUTH_SESSION_CACHE_TTL_MS > 0 && !(await startSessionCacheListener()))
    throw new Error("the session cache listener did not connect");
  const readPath = await measure(CHECKS, readPathCheck);
  const cacheTtlMs = env.AUTH_SESSION_CACHE_TTL_MS;
  if (READ_PATH_ONLY) {
    await stopSessionCacheListener();
    await client.$disconnect();
    return { mode, readPath, cacheTtlMs, authJs: readPath, selectOne: { p50: Number.NaN }, cookieBytes: [] };
  }
  const { hashSessionToken } = await import("../lib/auth/session-token");
  const crossInstance =
    postgres && mode === "database" && cacheTtlMs > 0
      ? await crossInstanceInvalidation(env.DATABASE_URL, user.id, readPathCheck, hashSessionToken(value))
      : null;
  const authJs = await measure(AUTHJS_CHECKS, async () => {
    const response = await Auth(new Request("http://localhost:3000/api/auth/session", { headers: { cookie: `${name}=${value}` } }), config);
    const body = (await response.json()) as { user?: { id?: string } } | null;
    if (body?.user?.id !== user.id) throw new Error(`Auth.js refused the session in ${mode} mode`);
  });
  const selectOne = await timeIt(CHECKS, () => client.$queryRaw`SELECT 1`);

  // The cookie at each onboarding step, with the longest answers the form allows (lib/forms/onboarding.ts).
  const { LIMITS } = await import("../lib/forms/onboarding");
  const answers = {
    profile: { fullName: "F".repeat(LIMITS.fullName), jobTitle: "J".repeat(LIMITS.jobTitle), timeZone: "America/Argentina/ComodRivadavia" },
    workspace: { workspaceName: "W".repeat(LIMITS.workspaceName), slug: "s".repeat(LIMITS.slugMax), teamSize: "51-200" },
    preferences: {
      useCases: ["compare", "production", "security", "teaching", "other"],
      productUpdates: true,
      notes: "N".repeat(LIMITS.notes),
    },
  };
  const steps: [string, Record<string, unknown> | null][] = [
    ["signed in", null],
    ["profile saved", { profile: answers.profile }],
    ["workspace saved", { profile: answers.profile, workspace: answers.workspace }],
    ["preferences saved", answers],
  ];
  const cookieBytes: { step: string; bytes: number }[] = [];
  for (const [step, stepAnswers] of steps) {
    if (mode === "database") {
      cookieBytes.push({ step, bytes: Buffer.byteLength(`${name}=${value}`) });
      continue;
    }
    const token = {
      ...(await claims()),
      ...(stepAnswers
        ? { progress: { formId: generateSessionToken().slice(0, 21), version: Object.keys(stepAnswers).length, answers: stepAnswers } }
        : {}),
    };
    const encoded = await encodeSessionToken({ token, salt: name, maxAge: env.AUTH_SESSION_MAX_AGE });
    cookieBytes.push({ step, bytes: Buffer.byteLength(`${name}=${encoded}`) });
  }
  await stopSessionCacheListener();
  await client.$disconnect();
  return {
    mode,
    readPath,
    cacheTtlMs,
    crossInstanceInvalidation: crossInstance,
    authJs,
    selectOne: { p50: percentile(selectOne, 50) },
    cookieBytes,
  };
}

// ---------------------------------------------------------------------------------------------------
// API access tokens (docs/api.md): verifying one per request in process, as any service holding the JWKS
// does (signature, pinned algorithm, claims). The app's own endpoints add one primary-key SELECT (the
// family's liveness), about the "SELECT 1" column above.

type AccessTokenCheck = { checks: number; p50: number; p99: number };

async function accessTokenVerification(): Promise<AccessTokenCheck> {
  const { audienceOf, signAccessToken, verifyAccessToken } = await import("../lib/api/tokens");
  const settings = { secrets: [SECRET], issuer: "https://bench.example", audience: audienceOf("https://bench.example") };
  const { token } = await signAccessToken(settings, { sub: "bench-user", sid: "bench-family", scope: ["profile"] });
  const check = async () => {
    if (!(await verifyAccessToken(settings, token)).ok) throw new Error("the access token did not verify");
  };
  for (let i = 0; i < 200; i++) await check();
  const samples = await timeIt(CHECKS, check);
  return { checks: CHECKS, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

// ---------------------------------------------------------------------------------------------------
// 3. Event-loop delay during a sign-in burst (child)

type LoopDelay = { signIns: number; cost: number; threads: number; p50Ms: number; p99Ms: number; maxMs: number; burstMs: number };

async function eventLoopDuringSignIns(): Promise<LoopDelay> {
  allowServerOnlyModules();
  const { hashPassword, verifyPassword } = await import("../lib/auth/password");
  const { passwordThreadStats } = await import("../lib/auth/password-threads");
  const cost = 12;
  const hash = await hashPassword("a bench passphrase 1234", { cost, pepper: "" });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const start = performance.now();
  await Promise.all(Array.from({ length: 20 }, () => verifyPassword("a bench passphrase 1234", hash, "")));
  const burstMs = performance.now() - start;
  histogram.disable();
  const ms = (ns: number) => ns / 1e6;
  const threads = passwordThreadStats().size;
  return {
    signIns: 20,
    cost,
    threads,
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    burstMs,
  };
}

// ---------------------------------------------------------------------------------------------------
// 2. Whole requests

type Http = {
  mode: Mode;
  signedIn: { rps: number; p50Ms: number; p99Ms: number; non2xx: number };
  control: { rps: number; p50Ms: number; p99Ms: number; non2xx: number };
  /** Signed-in ÷ control req/s: the median of the pairs of rounds. */
  ratio: number;
  /** The same from the rounds' mean req/s. */
  ratioOfMeans: number;
  /** Each pair of rounds' own ratio: their spread is the run's noise. */
  roundRatios: number[];
  revocation: { latencyMs: number | null; acceptedAfter: number | null; note: string };
};

async function waitForServer(url: string, server: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server at ${url} did not start`);
}

function cookiesOf(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => !pair.endsWith("="));
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: base },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/dashboard` }),
  });
  const session = cookiesOf(response).filter((pair) => pair.startsWith("authjs.session-token"));
  if (!session.length) throw new Error(`sign-in failed (${response.status} ${response.headers.get("location")})`);
  return session.join("; ");
}

type AutocannonResult = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number };

async function load(url: string, headers: Record<string, string>, seconds = ROUND_SECONDS): Promise<AutocannonResult> {
  const { default: autocannon } = await import("autocannon");
  return (await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })) as unknown as AutocannonResult;
}

async function wholeRequests(mode: Mode, database: BenchDatabase, index: number): Promise<Http> {
  const { url, drop } = await database.create(`http-${mode}`);
  const port = PORT_BASE + index;
  const base = `http://localhost:${port}`;
  const control = randomBytes(24).toString("base64url");
  const env = {
    ...process.env,
    ...MODES[mode],
    DATABASE_URL: url,
    AUTH_SECRET: SECRET,
    AUTH_URL: base,
    AUTH_BCRYPT_COST: "4",
    SEED_DEMO_USER: "force",
    AUTH_MODES_BENCH_CONTROL: control,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  migrate(url);
  const page = `${base}/dashboard`;
  const rounds: { signedIn: AutocannonResult[]; control: AutocannonResult[] } = { signedIn: [], control: [] };
  let cookie = "";
  let revocation: Http["revocation"] = { latencyMs: null, acceptedAfter: null, note: "not measured" };
  try {
    // The pairs are spread over SERVER_STARTS server processes: a process's JIT settles differently from
    // the next one's (the stateless cells, which touch no database, read 0.92 and 1.07 in one run), so
    // one process's luck is not the mode's figure.
    for (let start = 1; start <= SERVER_STARTS; start++) {
      const server = spawn(join("node_modules", ".bin", "next"), ["start", "--port", String(port)], { env, stdio: "ignore" });
      try {
        await waitForServer(`${base}/api/health`, server);
        if (!cookie) {
          allowServerOnlyModules();
          const { DEMO_USER } = await import("../lib/users");
          cookie = await signIn(base, DEMO_USER.email, DEMO_USER.password);
        }
        const check = await fetch(page, { headers: { cookie }, redirect: "manual" });
        if (check.status !== 200) throw new Error(`/dashboard answered ${check.status} to the signed-in cookie`);
        const signedInRound = async (label: string) => {
          progress(`${mode}: server ${start}/${SERVER_STARTS}, ${label}, signed-in page`);
          return load(page, { cookie });
        };
        const controlRound = async (label: string) => {
          progress(`${mode}: server ${start}/${SERVER_STARTS}, ${label}, control (same page, no session check)`);
          return load(page, { cookie, "x-bench-control": control });
        };
        // Pairs in alternating order (signed-in first, then control first). The first WARM_UP_PAIRS are not
        // counted: in runs of ten pairs the first was the lowest (2026-12-02: 0.86 against 0.93–1.00 after
        // it), the JIT still settling on a server that has just started.
        for (let pair = 1 - WARM_UP_PAIRS; pair <= ROUNDS; pair++) {
          const label = pair < 1 ? `warm-up ${pair + WARM_UP_PAIRS}/${WARM_UP_PAIRS}` : `round ${pair}/${ROUNDS}`;
          let signedInResult: AutocannonResult;
          let controlResult: AutocannonResult;
          if (pair % 2 === 0) {
            controlResult = await controlRound(label);
            signedInResult = await signedInRound(label);
          } else {
            signedInResult = await signedInRound(label);
            controlResult = await controlRound(label);
          }
          if (pair < 1) continue;
          rounds.signedIn.push(signedInResult);
          rounds.control.push(controlResult);
        }
        if (start === SERVER_STARTS) revocation = await revocationLatency(mode, url, page, cookie);
      } finally {
        server.kill("SIGTERM");
        await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
      }
    }
  } finally {
    await drop();
  }
  const summary = (results: AutocannonResult[]) => ({
    rps: results.reduce((sum, r) => sum + r.requests.average, 0) / results.length,
    p50Ms: results.reduce((sum, r) => sum + r.latency.p50, 0) / results.length,
    p99Ms: results.reduce((sum, r) => sum + r.latency.p99, 0) / results.length,
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
  });
  const signedIn = summary(rounds.signedIn);
  const controlSummary = summary(rounds.control);
  const roundRatios = rounds.signedIn.map((r, i) => r.requests.average / (rounds.control[i]?.requests.average ?? Number.NaN));
  progress(`${mode}: signed-in ÷ control by pair of rounds, in order: ${roundRatios.map((r) => r.toFixed(2)).join(", ")}`);
  // The headline is the median pair: one round disturbed by the machine (a GC pause, another process)
  // moves the mean of a handful of rounds by as much as the difference being measured.
  const sorted = [...roundRatios].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const ratio = sorted.length % 2 ? (sorted[Math.floor(middle)] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { mode, signedIn, control: controlSummary, ratio, ratioOfMeans: signedIn.rps / controlSummary.rps, roundRatios, revocation };
}

/** Deletes the session's server-side record (bumps the token version) and times how long the server keeps accepting its cookie. */
async function revocationLatency(mode: Mode, url: string, page: string, cookie: string): Promise<Http["revocation"]> {
  if (mode === "jwt-stateless")
    return { latencyMs: null, acceptedAfter: null, note: "no server-side record: a copied token works until it expires" };
  allowServerOnlyModules();
  const db = await benchClient(url, "one connection");
  try {
    if (mode === "jwt-version") await db.user.updateMany({ data: { tokenVersion: { increment: 1 } } });
    else await db.session.deleteMany({});
    const start = performance.now();
    let accepted = 0;
    // The write comes from another connection, as another process's would: on SQLite the server's session
    // cache sees it within AUTH_SESSION_CACHE_TTL_MS, on PostgreSQL through NOTIFY.
    while (performance.now() - start < 10_000) {
      const response = await fetch(page, { headers: { cookie }, redirect: "manual" });
      if (response.status !== 200) return { latencyMs: performance.now() - start, acceptedAfter: accepted, note: "next request refused" };
      accepted += 1;
    }
    return { latencyMs: null, acceptedAfter: accepted, note: "still accepted after 10 s" };
  } finally {
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------
// Output

type Results = {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; loadAverage: number[]; node: string; shared: boolean };
  settings: {
    checks: number;
    authJsChecks: number;
    roundSeconds: number;
    rounds: number;
    warmUpPairs: number;
    serverStarts: number;
    connections: number;
  };
  databases: { name: string; inProcess: InProcess[]; http: Http[] }[];
  eventLoop: LoopDelay;
  accessToken?: AccessTokenCheck;
};

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function report(results: Results): string {
  const out: string[] = [];
  for (const database of results.databases) {
    out.push(`\nSession check in process (${database.name}), µs:`);
    out.push(
      table(
        [
          "mode",
          "read path p50",
          "p99",
          "uncached p50",
          "uncached p99",
          "SQL reads/check",
          "writes/check",
          "Auth.js p50",
          "speed-up",
          "SELECT 1 p50",
        ],
        database.inProcess.map((r) => [
          r.mode,
          r.readPath.p50.toFixed(0),
          r.readPath.p99.toFixed(0),
          r.readPathUncached?.p50.toFixed(0) ?? "-",
          r.readPathUncached?.p99.toFixed(0) ?? "-",
          r.readPath.readsPerCheck.toFixed(2),
          r.readPath.writesPerCheck.toFixed(3),
          r.authJs.p50.toFixed(0),
          `${(r.authJs.p50 / r.readPath.p50).toFixed(1)}x`,
          r.selectOne.p50.toFixed(0),
        ]),
      ),
    );
    out.push(
      `(read path: repeated checks of one session with the session cache, TTL ${database.inProcess[0]?.cacheTtlMs ?? "?"} ms, and in jwt modes the cache of accepted tokens, so hits; uncached: AUTH_SESSION_CACHE_TTL_MS=0, both off)`,
    );
    for (const r of database.inProcess) {
      const x = r.crossInstanceInvalidation;
      if (x) {
        out.push(
          `Cross-instance invalidation (${database.name}, ${r.mode}): a write on another connection until this instance dropped the cached session (NOTIFY), ${x.samples} writes: p50 ${x.p50Ms.toFixed(2)} ms, p99 ${x.p99Ms.toFixed(2)} ms, max ${x.maxMs.toFixed(2)} ms`,
        );
      }
    }
    out.push(
      `\nSigned-in /dashboard vs the same page without the session check (${database.name}; autocannon, ${CONNECTIONS} connections, ${SERVER_STARTS} server process${SERVER_STARTS === 1 ? "" : "es"} × (${WARM_UP_PAIRS} warm-up + ${ROUNDS} counted pairs of ${ROUND_SECONDS} s rounds in alternating order), loopback; ratio: the median pair):`,
    );
    out.push(
      table(
        [
          "mode",
          "signed-in req/s",
          "control req/s",
          "ratio (median)",
          "pairs' ratios",
          "of means",
          "p50 ms",
          "p99 ms",
          "non-2xx",
          "revocation",
        ],
        database.http.map((r) => [
          r.mode,
          r.signedIn.rps.toFixed(0),
          r.control.rps.toFixed(0),
          `${r.ratio.toFixed(2)}x`,
          r.roundRatios.length ? `${Math.min(...r.roundRatios).toFixed(2)}–${Math.max(...r.roundRatios).toFixed(2)}` : "",
          `${r.ratioOfMeans.toFixed(2)}x`,
          `${r.signedIn.p50Ms.toFixed(1)} / ${r.control.p50Ms.toFixed(1)}`,
          `${r.signedIn.p99Ms.toFixed(1)} / ${r.control.p99Ms.toFixed(1)}`,
          String(r.signedIn.non2xx + r.control.non2xx),
          r.revocation.latencyMs === null
            ? r.revocation.note
            : `${r.revocation.latencyMs.toFixed(1)} ms (${r.revocation.acceptedAfter} accepted)`,
        ]),
      ),
    );
    out.push(`\nSession cookie bytes at each onboarding step (longest answers allowed):`);
    const steps = database.inProcess[0]?.cookieBytes.map((c) => c.step) ?? [];
    out.push(
      table(
        ["mode", ...steps],
        database.inProcess.map((r) => [r.mode, ...r.cookieBytes.map((c) => String(c.bytes))]),
      ),
    );
  }
  const loop = results.eventLoop;
  if (loop.signIns > 0)
    out.push(
      `\nEvent-loop delay while ${loop.signIns} bcrypt checks at cost ${loop.cost} run at once on ${loop.threads} worker thread${loop.threads === 1 ? "" : "s"}: p50 ${loop.p50Ms.toFixed(1)} ms, p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms (burst took ${loop.burstMs.toFixed(0)} ms)`,
    );
  if (results.accessToken) {
    const { checks, p50, p99 } = results.accessToken;
    out.push(
      `\nAPI access token (Ed25519 JWS) verification in process, ${checks} checks: p50 ${p50.toFixed(0)} µs, p99 ${p99.toFixed(0)} µs (no database)`,
    );
  }
  return out.join("\n");
}

async function charts(results: Results, dir: string) {
  const vega = await import("vega");
  const { compile } = await import("vega-lite");
  const render = async (file: string, spec: Record<string, unknown>) => {
    const compiled = compile({ $schema: "https://vega.github.io/schema/vega-lite/v6.json", ...spec } as Parameters<typeof compile>[0]).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: "none" });
    writeFileSync(join(dir, file), await view.toSVG());
  };
  const label = `${results.date.slice(0, 10)}, ${results.machine.cpus} × ${results.machine.model}${results.machine.shared ? " (shared, loaded)" : ""}`;
  const checkRows = results.databases.flatMap((database) =>
    database.inProcess.flatMap((r) => [
      { mode: `${r.mode} (${database.name})`, path: "read path", us: Math.round(r.readPath.p50) },
      { mode: `${r.mode} (${database.name})`, path: "Auth.js session action", us: Math.round(r.authJs.p50) },
    ]),
  );
  await render("session-check.svg", {
    title: { text: "Session check p50, in process (µs, log scale; lower is better)", subtitle: label },
    data: { values: checkRows },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: { field: "mode", type: "nominal", title: null },
      yOffset: { field: "path" },
      x: { field: "us", type: "quantitative", scale: { type: "log" }, title: "µs" },
      color: { field: "path", type: "nominal", title: null },
    },
    width: 480,
  });
  const ratioRows = results.databases.flatMap((database) =>
    database.http.map((r) => ({ mode: `${r.mode} (${database.name})`, ratio: Number(r.ratio.toFixed(2)) })),
  );
  await render("page-ratio.svg", {
    title: { text: "Signed-in /dashboard req/s ÷ same page without the session check (target ≥ 0.9)", subtitle: label },
    data: { values: ratioRows },
    layer: [
      {
        mark: "bar",
        encoding: {
          y: { field: "mode", type: "nominal", title: null },
          x: { field: "ratio", type: "quantitative", scale: { domain: [0, 1.1] }, title: "ratio" },
        },
      },
      { mark: { type: "rule", color: "firebrick", strokeDash: [4, 4] }, encoding: { x: { datum: 0.9 } } },
      {
        mark: { type: "text", align: "left", dx: 4 },
        encoding: {
          y: { field: "mode", type: "nominal" },
          x: { field: "ratio", type: "quantitative" },
          text: { field: "ratio", type: "quantitative" },
        },
      },
    ],
    width: 480,
  });
}

// ---------------------------------------------------------------------------------------------------

const child = process.argv.find((arg) => arg.startsWith("--child="))?.slice(8);
if (child === "event-loop") {
  process.stdout.write(`${JSON.stringify(await eventLoopDuringSignIns())}\n`);
} else if (child) {
  process.stdout.write(`${JSON.stringify(await inProcess(child as Mode))}\n`);
} else {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("[bench] no production build: run `npm run build` first");
    process.exit(1);
  }
  // This process opens the databases itself too (revocation latency), through lib/db.ts, which reads the configuration.
  process.env.AUTH_SECRET ||= SECRET;
  // The session cache as configured (1 s by default, lib/env.ts), beside the same checks with it off (the
  // uncached child).
  const load1 = loadavg()[0] ?? 0;
  progress(
    `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, load average ${load1.toFixed(2)}${QUICK ? ", quick run" : ""}`,
  );
  const databases: BenchDatabase[] = [sqlite];
  if (!process.argv.includes("--no-postgresql")) {
    const serverUrl = option("postgres-url") ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const problem = await checkPostgres(serverUrl);
    if (problem) progress(`PostgreSQL skipped: ${problem}`);
    else databases.push(postgresql(serverUrl));
  }
  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(totalmem() / 2 ** 30),
      loadAverage: loadavg(),
      node: process.version,
      shared: load1 > cpus().length * 0.5,
    },
    settings: {
      checks: CHECKS,
      authJsChecks: AUTHJS_CHECKS,
      roundSeconds: ROUND_SECONDS,
      rounds: ROUNDS,
      warmUpPairs: WARM_UP_PAIRS,
      serverStarts: SERVER_STARTS,
      connections: CONNECTIONS,
    },
    databases: [],
    eventLoop: { signIns: 0, cost: 0, threads: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, burstMs: 0 },
  };
  const runChild = (arg: string, env: NodeJS.ProcessEnv, flags: string[] = []) => {
    const run = spawnSync(
      join("node_modules", ".bin", "tsx"),
      ["scripts/bench.mts", `--child=${arg}`, ...flags, ...(QUICK ? ["--quick"] : [])],
      {
        env,
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`${arg} failed:\n${run.stderr}`);
    return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as unknown;
  };
  for (const database of databases) {
    const entry: Results["databases"][number] = { name: database.name, inProcess: [], http: [] };
    for (const mode of HTTP_ONLY ? [] : MODE_NAMES) {
      const { url, drop } = await database.create(mode);
      try {
        progress(`${mode} on ${database.name}: in-process session checks (${CHECKS} read path, ${AUTHJS_CHECKS} Auth.js)`);
        migrate(url);
        const childEnv = { ...process.env, ...MODES[mode], DATABASE_URL: url, AUTH_SECRET: SECRET, SEED_DEMO_USER: "false" };
        const measured = runChild(mode, childEnv) as InProcess;
        // The same checks with the cache off, so that both figures are reported side by side.
        const uncached = runChild(mode, { ...childEnv, AUTH_SESSION_CACHE_TTL_MS: "0" }, ["--read-path-only"]) as InProcess;
        entry.inProcess.push({ ...measured, readPathUncached: uncached.readPath });
      } finally {
        await drop();
      }
    }
    for (const [index, mode] of MODE_NAMES.entries()) {
      progress(`${mode} on ${database.name}: whole requests`);
      entry.http.push(await wholeRequests(mode, database, index + 10 * results.databases.length));
    }
    results.databases.push(entry);
  }
  if (!HTTP_ONLY) {
    progress("event-loop delay during 20 sign-ins at bcrypt cost 12");
    results.eventLoop = runChild("event-loop", { ...process.env, AUTH_SECRET: SECRET, DATABASE_URL: "file:./unused.db" }) as LoopDelay;
    progress("API access token verification");
    results.accessToken = await accessTokenVerification();
  }
  console.log(report(results));
  if (PARTIAL) {
    progress("a partial run (--modes or --http-only): bench/results/ left as it is");
    process.exit(0);
  }
  const dir = join("bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  await charts(results, dir);
  progress(`wrote ${join(dir, "latest.json")}, ${join(dir, "session-check.svg")} and ${join(dir, "page-ratio.svg")}`);
}
