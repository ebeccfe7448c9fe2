import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { checkPostgres } from "./postgres-check.mjs";
import { bin, fail, log, run } from "./run.mjs";

const SECRET_FILE = ".auth-secret";
const DEFAULT_DATABASE_URL = "file:./data/app.db";

/**
 * Makes sure AUTH_SECRET is set. Production (NODE_ENV=production) must provide it; a local start
 * generates one into a git-ignored file once and reuses it afterwards.
 */
export function ensureSecret(env) {
  if (env.AUTH_SECRET?.trim()) return;
  if (env.NODE_ENV === "production") {
    fail("AUTH_SECRET is required when NODE_ENV=production. Generate one with: openssl rand -base64 32");
  }
  if (existsSync(SECRET_FILE)) {
    env.AUTH_SECRET = readFileSync(SECRET_FILE, "utf8").trim();
    log(`using the local AUTH_SECRET from ${SECRET_FILE} (git-ignored)`);
    return;
  }
  env.AUTH_SECRET = randomBytes(32).toString("base64url");
  writeFileSync(SECRET_FILE, `${env.AUTH_SECRET}\n`, { mode: 0o600 });
  chmodSync(SECRET_FILE, 0o600);
  log(`generated a local AUTH_SECRET into ${SECRET_FILE} (git-ignored); later starts reuse it. Set AUTH_SECRET in production.`);
}

/**
 * Makes sure AUTH_URL is set for `next start`, which runs with NODE_ENV=production and so requires it
 * (lib/env.ts). Production (NODE_ENV=production) must provide it; a local start is given
 * http://localhost:<port>, the one kind of plain-http address production accepts.
 */
export function ensureAuthUrl(env, port) {
  // In production the configuration check reports it, with any other problem.
  if (env.AUTH_URL?.trim() || env.NODE_ENV === "production") return;
  env.AUTH_URL = `http://localhost:${port}`;
  log(`AUTH_URL is not set: using ${env.AUTH_URL} for this local start. Set AUTH_URL to the public https:// address in production.`);
}

/**
 * Checks the configuration with the app's own rules (lib/env.ts) before anything slow happens, under the
 * NODE_ENV the server will run with (`next start`: production, `next dev`: development).
 */
export async function checkConfig(env, nodeEnv) {
  const code = await run(bin("tsx"), ["scripts/check-env.ts"], { env: { ...env, NODE_ENV: nodeEnv } });
  if (code !== 0) process.exit(1);
}

/** Applies committed migrations to the configured database, creating its folder if needed. */
export async function migrate(env) {
  env.DATABASE_URL = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (env.DATABASE_URL.startsWith("file:")) {
    const file = resolve(env.DATABASE_URL.slice("file:".length));
    const folder = dirname(file);
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true });
      log(`created ${folder} for the SQLite database`);
    }
  }
  if (/^postgres(ql)?:\/\//i.test(env.DATABASE_URL)) {
    const problem = await checkPostgres(env.DATABASE_URL, Number(env.DATABASE_CONNECT_TIMEOUT_MS?.trim() || 5_000));
    if (problem) fail(problem);
  }
  log("applying database migrations (prisma migrate deploy)…");
  const code = await run(bin("prisma"), ["migrate", "deploy"], { env });
  if (code !== 0) fail(`prisma migrate deploy failed with exit code ${code}`);
}
