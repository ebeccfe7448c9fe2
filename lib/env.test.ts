import { describe, expect, it } from "vitest";
import { authSecrets, EnvError, parseEnv, retiredSettings } from "./env";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("defaults to database sessions, the embedded SQLite file and bcrypt cost 12", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET });
    expect(env.AUTH_SESSION_STRATEGY).toBe("database");
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(env.AUTH_BCRYPT_COST).toBe(12);
    expect(env.SEED_DEMO_USER).toBe(true);
  });

  it("accepts jwt", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_SESSION_STRATEGY: "jwt" }).AUTH_SESSION_STRATEGY).toBe("jwt");
  });

  it("refuses an unknown strategy and names the allowed values", () => {
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SESSION_STRATEGY: "cookie" })).toEqual([
      'AUTH_SESSION_STRATEGY must be one of: database, jwt (got "cookie")',
    ]);
  });

  it("treats a blank strategy as unset", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_SESSION_STRATEGY: " " }).AUTH_SESSION_STRATEGY).toBe("database");
  });

  it("requires a secret of at least 32 bytes", () => {
    expect(problems({})).toEqual([expect.stringMatching(/^AUTH_SECRET is required/)]);
    expect(problems({ AUTH_SECRET: "too-short" })).toEqual([expect.stringMatching(/^AUTH_SECRET must be at least 32 bytes/)]);
  });

  it("bounds the bcrypt cost and parses booleans strictly", () => {
    expect(problems({ AUTH_SECRET: SECRET, AUTH_BCRYPT_COST: "3" })).toEqual(["AUTH_BCRYPT_COST must be a whole number from 4 to 15"]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_BCRYPT_COST: "twelve" })).toEqual(["AUTH_BCRYPT_COST must be a whole number from 4 to 15"]);
    expect(parseEnv({ AUTH_SECRET: SECRET, SEED_DEMO_USER: "false" }).SEED_DEMO_USER).toBe(false);
    expect(problems({ AUTH_SECRET: SECRET, SEED_DEMO_USER: "maybe" })).toEqual(['SEED_DEMO_USER must be true or false (got "maybe")']);
  });

  it("reports every problem at once", () => {
    expect(problems({ AUTH_SESSION_STRATEGY: "x", AUTH_URL: "not a url" })).toHaveLength(3);
  });
});

describe("session lifetimes and revocation", () => {
  it("defaults to sid revocation, 30-day idle, 1-day refresh and 90-day absolute lifetimes", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET });
    expect(env.AUTH_JWT_REVOCATION).toBe("sid");
    expect([env.AUTH_SESSION_MAX_AGE, env.AUTH_SESSION_UPDATE_AGE, env.AUTH_SESSION_ABSOLUTE_MAX_AGE]).toEqual([2592000, 86400, 7776000]);
  });

  it("accepts small values for tests and refuses inconsistent ones", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET, AUTH_SESSION_MAX_AGE: "6", AUTH_SESSION_UPDATE_AGE: "1", AUTH_SESSION_ABSOLUTE_MAX_AGE: "12" });
    expect([env.AUTH_SESSION_MAX_AGE, env.AUTH_SESSION_UPDATE_AGE, env.AUTH_SESSION_ABSOLUTE_MAX_AGE]).toEqual([6, 1, 12]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SESSION_MAX_AGE: "60", AUTH_SESSION_UPDATE_AGE: "60" })).toEqual([
      "AUTH_SESSION_UPDATE_AGE must be less than AUTH_SESSION_MAX_AGE (60)",
    ]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SESSION_MAX_AGE: "60", AUTH_SESSION_UPDATE_AGE: "1", AUTH_SESSION_ABSOLUTE_MAX_AGE: "30" })).toEqual([
      "AUTH_SESSION_ABSOLUTE_MAX_AGE must be at least AUTH_SESSION_MAX_AGE (60)",
    ]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_JWT_REVOCATION: "jti" })).toEqual(['AUTH_JWT_REVOCATION must be one of: sid, off (got "jti")']);
  });
});

describe("admin setup and rotated secrets", () => {
  it("no longer reads ADMIN_EMAILS: a leftover value is named at start instead of granting anything", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, ADMIN_EMAILS: "boss@example.com" })).not.toHaveProperty("ADMIN_EMAILS");
    expect(retiredSettings({ ADMIN_EMAILS: " boss@example.com " })).toEqual([expect.stringMatching(/^ADMIN_EMAILS is no longer read: .*npm run admin -- grant <email>/)]);
    expect(retiredSettings({ ADMIN_EMAILS: " " })).toEqual([]);
    expect(retiredSettings({})).toEqual([]);
  });

  it("keeps a setup code for an hour unless ADMIN_SETUP_CODE_MAX_AGE says otherwise", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).ADMIN_SETUP_CODE_MAX_AGE).toBe(3600);
    expect(parseEnv({ AUTH_SECRET: SECRET, ADMIN_SETUP_CODE_MAX_AGE: "600" }).ADMIN_SETUP_CODE_MAX_AGE).toBe(600);
    expect(problems({ AUTH_SECRET: SECRET, ADMIN_SETUP_CODE_MAX_AGE: "0" })).toEqual(["ADMIN_SETUP_CODE_MAX_AGE must be at least 1 second"]);
  });

  it("lists secrets newest first for rotation, and refuses a short one", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET, AUTH_SECRET_1: `new-${SECRET}`, AUTH_SECRET_2: SECRET });
    expect(authSecrets(env)).toEqual([`new-${SECRET}`, SECRET]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SECRET_1: "short" })).toEqual([
      "AUTH_SECRET_1 must be at least 32 bytes (generate one with: openssl rand -base64 32)",
    ]);
  });
});
