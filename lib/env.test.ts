import { randomBytes } from "node:crypto";
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
    expect(problems({ AUTH_SECRET: SECRET, SEED_DEMO_USER: "maybe" })).toEqual([
      'SEED_DEMO_USER must be true, false or force (got "maybe")',
    ]);
  });

  it("reports every problem at once", () => {
    expect(problems({ AUTH_SESSION_STRATEGY: "x", AUTH_URL: "not a url" })).toHaveLength(3);
  });
});

describe("the database and PostgreSQL's pool", () => {
  it("selects PostgreSQL by a postgres:// or postgresql:// URL, with pool defaults", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET, DATABASE_URL: "postgresql://app:pw@db.internal:5432/auth_modes" });
    expect(env.DATABASE_URL).toBe("postgresql://app:pw@db.internal:5432/auth_modes");
    expect([
      env.DATABASE_POOL_SIZE,
      env.DATABASE_CONNECT_TIMEOUT_MS,
      env.DATABASE_STATEMENT_TIMEOUT_MS,
      env.DATABASE_IDLE_TIMEOUT_MS,
    ]).toEqual([10, 5_000, 10_000, 10_000]);
    expect(parseEnv({ AUTH_SECRET: SECRET, DATABASE_URL: "postgres://db/app" }).DATABASE_URL).toBe("postgres://db/app");
  });

  it("refuses another kind of URL and says which two it takes", () => {
    expect(problems({ AUTH_SECRET: SECRET, DATABASE_URL: "mysql://db/app" })).toEqual([
      'DATABASE_URL must be a file: URL for SQLite (e.g. file:./data/app.db) or a postgresql:// URL such as postgresql://user:password@host:5432/auth_modes (got "mysql:")',
    ]);
  });

  it("reads the pool settings and refuses ones out of range", () => {
    const env = parseEnv({
      AUTH_SECRET: SECRET,
      DATABASE_POOL_SIZE: "25",
      DATABASE_CONNECT_TIMEOUT_MS: "2000",
      DATABASE_STATEMENT_TIMEOUT_MS: "30000",
      DATABASE_IDLE_TIMEOUT_MS: "60000",
    });
    expect([
      env.DATABASE_POOL_SIZE,
      env.DATABASE_CONNECT_TIMEOUT_MS,
      env.DATABASE_STATEMENT_TIMEOUT_MS,
      env.DATABASE_IDLE_TIMEOUT_MS,
    ]).toEqual([25, 2_000, 30_000, 60_000]);
    expect(
      problems({ AUTH_SECRET: SECRET, DATABASE_POOL_SIZE: "0", DATABASE_CONNECT_TIMEOUT_MS: "50", DATABASE_STATEMENT_TIMEOUT_MS: "ten" }),
    ).toEqual([
      "DATABASE_POOL_SIZE must be a whole number from 1 to 1000",
      "DATABASE_CONNECT_TIMEOUT_MS must be at least 100 ms",
      "DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds",
    ]);
  });

  it("reads the session cache's staleness bound: 1 s by default, 0 turns the cache off, no more than a minute", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).AUTH_SESSION_CACHE_TTL_MS).toBe(1_000);
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_SESSION_CACHE_TTL_MS: "1000" }).AUTH_SESSION_CACHE_TTL_MS).toBe(1_000);
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_SESSION_CACHE_TTL_MS: "0" }).AUTH_SESSION_CACHE_TTL_MS).toBe(0);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SESSION_CACHE_TTL_MS: "-1" })).toEqual(["AUTH_SESSION_CACHE_TTL_MS must be at least 0 ms"]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SESSION_CACHE_TTL_MS: "120000" })).toEqual([
      "AUTH_SESSION_CACHE_TTL_MS must be at most 60000 ms",
    ]);
  });
});

describe("the benchmark's control page", () => {
  it("is off unless AUTH_MODES_BENCH_CONTROL is set, and needs a long random value", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).AUTH_MODES_BENCH_CONTROL).toBeUndefined();
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_MODES_BENCH_CONTROL: "x".repeat(32) }).AUTH_MODES_BENCH_CONTROL).toBe("x".repeat(32));
    expect(problems({ AUTH_SECRET: SECRET, AUTH_MODES_BENCH_CONTROL: "short" })).toEqual([
      expect.stringContaining("AUTH_MODES_BENCH_CONTROL"),
    ]);
  });
});

describe("signal handling", () => {
  it("leaves signals to Next.js unless NEXT_MANUAL_SIG_HANDLE is set to anything", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).NEXT_MANUAL_SIG_HANDLE).toBe(false);
    expect(parseEnv({ AUTH_SECRET: SECRET, NEXT_MANUAL_SIG_HANDLE: "true" }).NEXT_MANUAL_SIG_HANDLE).toBe(true);
    expect(parseEnv({ AUTH_SECRET: SECRET, NEXT_MANUAL_SIG_HANDLE: "" }).NEXT_MANUAL_SIG_HANDLE).toBe(false);
  });
});

describe("session lifetimes and revocation", () => {
  it("defaults to sid revocation, 30-day idle, 1-day refresh and 90-day absolute lifetimes", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET });
    expect(env.AUTH_JWT_REVOCATION).toBe("sid");
    expect([env.AUTH_SESSION_MAX_AGE, env.AUTH_SESSION_UPDATE_AGE, env.AUTH_SESSION_ABSOLUTE_MAX_AGE]).toEqual([2592000, 86400, 7776000]);
  });

  it("accepts small values for tests and refuses inconsistent ones", () => {
    const env = parseEnv({
      AUTH_SECRET: SECRET,
      AUTH_SESSION_MAX_AGE: "6",
      AUTH_SESSION_UPDATE_AGE: "1",
      AUTH_SESSION_ABSOLUTE_MAX_AGE: "12",
    });
    expect([env.AUTH_SESSION_MAX_AGE, env.AUTH_SESSION_UPDATE_AGE, env.AUTH_SESSION_ABSOLUTE_MAX_AGE]).toEqual([6, 1, 12]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SESSION_MAX_AGE: "60", AUTH_SESSION_UPDATE_AGE: "60" })).toEqual([
      "AUTH_SESSION_UPDATE_AGE must be less than AUTH_SESSION_MAX_AGE (60)",
    ]);
    expect(
      problems({ AUTH_SECRET: SECRET, AUTH_SESSION_MAX_AGE: "60", AUTH_SESSION_UPDATE_AGE: "1", AUTH_SESSION_ABSOLUTE_MAX_AGE: "30" }),
    ).toEqual(["AUTH_SESSION_ABSOLUTE_MAX_AGE must be at least AUTH_SESSION_MAX_AGE (60)"]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_JWT_REVOCATION: "jti" })).toEqual([
      'AUTH_JWT_REVOCATION must be one of: sid, version, off (got "jti")',
    ]);
  });
});

describe("admin setup and rotated secrets", () => {
  it("no longer reads ADMIN_EMAILS: a leftover value is named at start instead of granting anything", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, ADMIN_EMAILS: "boss@example.com" })).not.toHaveProperty("ADMIN_EMAILS");
    expect(retiredSettings({ ADMIN_EMAILS: " boss@example.com " })).toEqual([
      expect.stringMatching(/^ADMIN_EMAILS is no longer read: .*npm run admin -- grant <email>/),
    ]);
    expect(retiredSettings({ ADMIN_EMAILS: " " })).toEqual([]);
    expect(retiredSettings({})).toEqual([]);
  });

  it("keeps a setup code for an hour unless ADMIN_SETUP_CODE_MAX_AGE says otherwise", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).ADMIN_SETUP_CODE_MAX_AGE).toBe(3600);
    expect(parseEnv({ AUTH_SECRET: SECRET, ADMIN_SETUP_CODE_MAX_AGE: "600" }).ADMIN_SETUP_CODE_MAX_AGE).toBe(600);
    expect(problems({ AUTH_SECRET: SECRET, ADMIN_SETUP_CODE_MAX_AGE: "0" })).toEqual([
      "ADMIN_SETUP_CODE_MAX_AGE must be at least 1 second",
    ]);
  });

  it("lists secrets newest first for rotation, and refuses a short one", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET, AUTH_SECRET_1: `new-${SECRET}`, AUTH_SECRET_2: SECRET });
    expect(authSecrets(env)).toEqual([`new-${SECRET}`, SECRET]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SECRET_1: "short" })).toEqual([
      "AUTH_SECRET_1 must be at least 32 bytes (generate one with: openssl rand -base64 32)",
    ]);
  });
});

// What `next start` runs with: NODE_ENV=production, an https AUTH_URL and a random secret.
const PRODUCTION = { NODE_ENV: "production", AUTH_SECRET: randomBytes(32).toString("base64"), AUTH_URL: "https://app.example.com" };

describe("production settings (NODE_ENV=production)", () => {
  it("accepts an https AUTH_URL and a random secret, with no demo account", () => {
    expect(parseEnv(PRODUCTION).SEED_DEMO_USER).toBe(false);
  });

  it("requires AUTH_URL and names the variable", () => {
    const { AUTH_URL: _url, ...withoutUrl } = PRODUCTION;
    expect(problems(withoutUrl)).toEqual([
      expect.stringMatching(/^AUTH_URL is required when NODE_ENV=production: the app's public https:\/\/ address/),
    ]);
    expect(parseEnv({ AUTH_SECRET: SECRET }).AUTH_URL).toBeUndefined(); // outside production it stays optional
  });

  it.each([
    "http://app.example.com",
    "http://192.168.1.20:3000",
    "http://10.0.0.1",
    "http://localhost.example.com",
    "http://127.0.0.1.evil.example",
    "ftp://app.example.com",
  ])("refuses AUTH_URL=%s", (url) => {
    expect(problems({ ...PRODUCTION, AUTH_URL: url })).toEqual([
      `AUTH_URL must be an https:// URL when NODE_ENV=production (got "${url}"): without it the session cookie is not Secure and there is no HSTS. Plain http:// is accepted only for localhost, 127.0.0.1 and [::1]`,
    ]);
  });

  it.each(["http://localhost:3000", "http://127.0.0.1:3201", "http://[::1]:3000", "http://app.localhost", "https://localhost:3443"])(
    "accepts AUTH_URL=%s (plain http only on this machine: a local npm start, the e2e servers)",
    (url) => {
      expect(parseEnv({ ...PRODUCTION, AUTH_URL: url }).AUTH_URL).toBe(url);
    },
  );

  it("refuses the demo account unless forced, and seeds it by default only outside production", () => {
    for (const value of ["true", "1", "yes"]) {
      expect(problems({ ...PRODUCTION, SEED_DEMO_USER: value })).toEqual([
        "SEED_DEMO_USER is refused when NODE_ENV=production: the demo account's password is published, so anyone could sign in with it. Unset it, or set SEED_DEMO_USER=force for a throwaway demo server",
      ]);
    }
    expect(parseEnv({ ...PRODUCTION, SEED_DEMO_USER: "false" }).SEED_DEMO_USER).toBe(false);
    expect(parseEnv({ ...PRODUCTION, SEED_DEMO_USER: "force" }).SEED_DEMO_USER).toBe(true);
    expect(parseEnv({ AUTH_SECRET: SECRET, NODE_ENV: "development" }).SEED_DEMO_USER).toBe(true);
    expect(parseEnv({ AUTH_SECRET: SECRET, NODE_ENV: "test" }).SEED_DEMO_USER).toBe(true);
    expect(parseEnv({ AUTH_SECRET: SECRET, SEED_DEMO_USER: "force" }).SEED_DEMO_USER).toBe(true);
  });

  it("reports every production problem at once", () => {
    expect(
      problems({ NODE_ENV: "production", AUTH_SECRET: "a".repeat(44), SEED_DEMO_USER: "true" }).map((problem) => problem.split(" ")[0]),
    ).toEqual(["AUTH_SECRET", "AUTH_URL", "SEED_DEMO_USER"]);
  });
});

describe("secret variety", () => {
  it.each([
    ["a".repeat(44), 0],
    ["ab".repeat(22), 44],
    ["changeme".repeat(4), 88],
    ["passwordpasswordpasswordpassword", 88],
    ["my-super-secret-key-for-auth-app", 116],
  ])("refuses %j, about %d bits, in every environment and in every secret variable", (weak, bits) => {
    const message = `has too little variety to be random (about ${bits} bits estimated from its characters, at least 128 needed; generate one with: openssl rand -base64 32)`;
    expect(problems({ AUTH_SECRET: weak })).toEqual([`AUTH_SECRET ${message}`]);
    expect(problems({ ...PRODUCTION, AUTH_SECRET: weak })).toEqual([`AUTH_SECRET ${message}`]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_SECRET_1: weak })).toEqual([`AUTH_SECRET_1 ${message}`]);
  });

  it("accepts every generated secret: what npm start writes to .auth-secret, openssl rand -base64 32 and -hex 32", () => {
    // Random 32-byte secrets estimate at 180 bits or more; 128 leaves a wide margin, so this never flakes.
    for (let i = 0; i < 300; i++) {
      const bytes = randomBytes(32);
      for (const generated of [bytes.toString("base64url"), bytes.toString("base64"), bytes.toString("hex")]) {
        expect(problems({ ...PRODUCTION, AUTH_SECRET: generated }), generated).toEqual([]);
      }
    }
  });

  it("accepts the test suites' own secrets", () => {
    for (const secret of [SECRET, "e2e-only-secret-not-for-production-0123456789", "bench-only-secret-not-for-production-0123456789"]) {
      expect(problems({ AUTH_SECRET: secret })).toEqual([]);
    }
  });
});

describe("several instances", () => {
  it("trusts no forwarded address unless TRUSTED_PROXY_HOPS says how many proxies stand in front", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    for (const bad of ["-1", "11", "1.5", "one"]) {
      expect(problems({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: bad })).toEqual([
        "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10",
      ]);
    }
  });

  it("takes an instance name fit for a response header, and none by default", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).INSTANCE_NAME).toBeUndefined();
    expect(parseEnv({ AUTH_SECRET: SECRET, INSTANCE_NAME: "app-2" }).INSTANCE_NAME).toBe("app-2");
    expect(problems({ AUTH_SECRET: SECRET, INSTANCE_NAME: "app 2\r\nSet-Cookie: x" })).toEqual([
      "INSTANCE_NAME must be 1 to 64 letters, digits, dots, dashes or underscores",
    ]);
  });

  it("allows no API CORS origin by default, and takes only exact origins", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).API_CORS_ORIGINS).toEqual([]);
    expect(parseEnv({ AUTH_SECRET: SECRET, API_CORS_ORIGINS: "https://a.example, http://localhost:5173" }).API_CORS_ORIGINS).toEqual([
      "https://a.example",
      "http://localhost:5173",
    ]);
    expect(problems({ AUTH_SECRET: SECRET, API_CORS_ORIGINS: "https://a.example/path,*" })).toEqual([
      'API_CORS_ORIGINS must list exact origins such as https://app.example.com, comma-separated (got "https://a.example/path")',
      'API_CORS_ORIGINS must list exact origins such as https://app.example.com, comma-separated (got "*")',
    ]);
  });
});
