export type Mode = "database" | "jwt" | "jwt-stateless";

export type ModeServer = {
  /** The Playwright project this server belongs to. */
  project: string;
  mode: Mode;
  port: number;
  databaseFile: string;
  /** Where the server's output is appended (searched by e2e/server-output.spec.ts). */
  logFile: string;
  env: Record<string, string>;
  /** Specs this project runs. */
  testMatch?: string[];
  testIgnore?: string[];
};

export const E2E_SECRET = "e2e-only-secret-not-for-production-0123456789";

/** Specs that need a server of their own (small lifetimes) or that run after everything else. */
const SPECIAL = ["timeouts.spec.ts", "server-output.spec.ts"];

/** Session lifetimes small enough to watch them end: idle 6 s, refreshed after 1 s, absolute 15 s. */
export const SHORT_LIFETIMES = { idle: 6, update: 1, absolute: 15 } as const;
const SHORT_ENV = {
  AUTH_SESSION_MAX_AGE: String(SHORT_LIFETIMES.idle),
  AUTH_SESSION_UPDATE_AGE: String(SHORT_LIFETIMES.update),
  AUTH_SESSION_ABSOLUTE_MAX_AGE: String(SHORT_LIFETIMES.absolute),
};

const STRATEGY: Record<Mode, Record<string, string>> = {
  database: { AUTH_SESSION_STRATEGY: "database" },
  jwt: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" },
  "jwt-stateless": { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" },
};

type Definition = { project: string; mode: Mode; port: number; env?: Record<string, string>; testMatch?: string[] };

/** All from the same `next build`, each with its own SQLite file. */
const DEFINITIONS: Definition[] = [
  { project: "database", mode: "database", port: 3201 },
  { project: "jwt", mode: "jwt", port: 3202 },
  // Stateless JWT differs only where revocation and freshness matter.
  {
    project: "jwt-stateless",
    mode: "jwt-stateless",
    port: 3203,
    testMatch: ["auth-flow.spec.ts", "session-storage.spec.ts", "sessions.spec.ts", "admin.spec.ts", "activity.spec.ts"],
  },
  { project: "database-timeouts", mode: "database", port: 3204, env: SHORT_ENV, testMatch: ["timeouts.spec.ts"] },
  { project: "jwt-timeouts", mode: "jwt", port: 3205, env: SHORT_ENV, testMatch: ["timeouts.spec.ts"] },
  { project: "jwt-stateless-timeouts", mode: "jwt-stateless", port: 3206, env: SHORT_ENV, testMatch: ["timeouts.spec.ts"] },
];

export const MODE_SERVERS: ModeServer[] = DEFINITIONS.map(({ project, mode, port, env = {}, testMatch }) => {
  const databaseFile = `.e2e/${project}.db`;
  return {
    project,
    mode,
    port,
    databaseFile,
    logFile: `.e2e/${project}.log`,
    ...(testMatch ? { testMatch } : { testIgnore: SPECIAL }),
    env: {
      ...STRATEGY[mode],
      ...env,
      DATABASE_URL: `file:./${databaseFile}`,
      PORT: String(port),
      AUTH_SECRET: E2E_SECRET,
      AUTH_BCRYPT_COST: "4",
      SEED_DEMO_USER: "true",
      // Set, so the first person to register is not made admin: tests choose their admins.
      ADMIN_EMAILS: "configured-admin@example.test",
    },
  };
});
