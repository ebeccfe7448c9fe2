import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { testDatabaseName, testDatabaseUrl } from "@/lib/testing/postgres";

// `npm start` must refuse a bad configuration before it migrates or builds anything.
const SECRET = "a-test-secret-that-is-long-enough-0123456789";
function start(env: Record<string, string>) {
  const {
    AUTH_SECRET: _secret,
    AUTH_SESSION_STRATEGY: _strategy,
    NODE_ENV: _nodeEnv,
    AUTH_URL: _url,
    SEED_DEMO_USER: _seed,
    ...inherited
  } = process.env;
  // Next's types declare NODE_ENV as always present; these runs deliberately leave it out.
  const childEnv = { ...inherited, ...env } as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, ["scripts/start.mjs"], { env: childEnv, encoding: "utf8", timeout: 60_000 });
}

// Each test spawns `npm start` and tsx; on a busy machine that takes longer than Vitest's default 5 s.
describe("npm start", { timeout: 60_000 }, () => {
  it("stops on an unknown session strategy and names the allowed values", () => {
    const result = start({ AUTH_SESSION_STRATEGY: "cookies", AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('AUTH_SESSION_STRATEGY must be one of: database, jwt (got "cookies")');
    expect(result.stdout).not.toContain("applying database migrations");
  });

  it("refuses to start in production without AUTH_SECRET", () => {
    const result = start({ NODE_ENV: "production" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET is required when NODE_ENV=production");
  });

  it("refuses a short AUTH_SECRET", () => {
    const result = start({ AUTH_SECRET: "short" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET must be at least 32 bytes");
  });

  it("refuses a secret with too little variety", () => {
    const result = start({ AUTH_SECRET: "a".repeat(44) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET has too little variety to be random");
    expect(result.stdout).not.toContain("applying database migrations");
  });

  it("checks the configuration as production, the way `next start` runs: the demo account must be forced", () => {
    const result = start({ AUTH_SECRET: SECRET, SEED_DEMO_USER: "true" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SEED_DEMO_USER is refused when NODE_ENV=production");
    expect(result.stdout).not.toContain("applying database migrations");
  });

  it("in production, refuses a missing or plain-http AUTH_URL and names the variable", () => {
    const missing = start({ NODE_ENV: "production", AUTH_SECRET: SECRET });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("AUTH_URL is required when NODE_ENV=production");
    const plain = start({ NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_URL: "http://app.example.com" });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('AUTH_URL must be an https:// URL when NODE_ENV=production (got "http://app.example.com")');
    expect(plain.stdout).not.toContain("applying database migrations");
  });

  it("stops in one line naming the host when PostgreSQL is unreachable, before migrating anything", () => {
    // Port 9 (discard) on loopback: nothing listens there.
    const result = start({ AUTH_SECRET: SECRET, DATABASE_URL: "postgresql://app:s3cret-password@127.0.0.1:9/auth_modes" });
    expect(result.status).toBe(1);
    const errors = result.stderr.trim().split("\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      "cannot reach PostgreSQL at 127.0.0.1:9 (connection refused): check that PostgreSQL is running there and that DATABASE_URL's host and port are right",
    );
    expect(result.stderr).not.toContain("s3cret-password");
    expect(result.stdout).not.toContain("applying database migrations");
  });

  it("stops in one line naming the host and the database when the database does not exist", () => {
    const missing = testDatabaseName("never_created");
    const url = new URL(testDatabaseUrl(missing));
    const result = start({ AUTH_SECRET: SECRET, DATABASE_URL: url.toString() });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      `[auth-modes] PostgreSQL at ${url.hostname}:${url.port || 5432} has no database "${missing}": create it (createdb -h ${url.hostname} -p ${url.port || 5432} ${missing}) or fix DATABASE_URL's database name`,
    ]);
    expect(result.stdout).not.toContain("applying database migrations");
  });
});
