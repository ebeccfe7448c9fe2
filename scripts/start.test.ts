import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// `npm start` must refuse a bad configuration before it migrates or builds anything.
function start(env: Record<string, string>) {
  const { AUTH_SECRET: _secret, AUTH_SESSION_STRATEGY: _strategy, NODE_ENV: _nodeEnv, ...inherited } = process.env;
  // Next's types declare NODE_ENV as always present; these runs deliberately leave it out.
  const childEnv = { ...inherited, ...env } as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, ["scripts/start.mjs"], { env: childEnv, encoding: "utf8", timeout: 60_000 });
}

describe("npm start", () => {
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
});
