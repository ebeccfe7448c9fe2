export type Mode = "database" | "jwt" | "jwt-version" | "jwt-stateless";

export type ModeServer = {
  /** The Playwright project this server belongs to. */
  project: string;
  mode: Mode;
  port: number;
  /** Where the tests reach it: http://localhost:<port>, or through scripts/https-proxy.mjs. */
  baseURL: string;
  /** The HTTPS proxy in front of it, if any. */
  tlsPort?: number;
  /** Its DATABASE_URL: a SQLite file, or a PostgreSQL database of its own (made empty at start, dropped after the run). */
  databaseUrl: string;
  /** Where the server's output is appended (searched by e2e/server-output.spec.ts). */
  logFile: string;
  env: Record<string, string>;
  /** Specs this project runs. */
  testMatch?: string[];
  testIgnore?: string[];
  /** Tests it leaves out by tag (SAME_IN_EVERY_MODE_TAG outside database mode). */
  grepInvert?: RegExp;
};

export const E2E_SECRET = "e2e-only-secret-not-for-production-0123456789";

/** Specs that need a server of their own (small lifetimes) or that run after everything else. */
const SPECIAL = [
  "timeouts.spec.ts",
  "server-output.spec.ts",
  "outage.spec.ts",
  "https.spec.ts",
  "setup.spec.ts",
  "cluster.spec.ts",
  "cluster-database.spec.ts",
];

/**
 * Session lifetimes small enough to watch them end: idle 8 s, refreshed after 1 s, absolute 30 s. The idle
 * timeout is longer than a sign-in takes on a busy two-core machine (it took 6.5 s from the click to the
 * dashboard under a load average of 20), or the activity test's first page load would come too late.
 */
export const SHORT_LIFETIMES = { idle: 8, update: 1, absolute: 30 } as const;
const SHORT_ENV = {
  AUTH_SESSION_MAX_AGE: String(SHORT_LIFETIMES.idle),
  AUTH_SESSION_UPDATE_AGE: String(SHORT_LIFETIMES.update),
  AUTH_SESSION_ABSOLUTE_MAX_AGE: String(SHORT_LIFETIMES.absolute),
};

/**
 * Sign-in throttling small enough to watch: e2e/security/throttle.spec.ts reads these. Every test
 * registers its users from the same address, so registrations per IP are not limited here (the
 * registration throttle is proved by lib/users-throttle.test.ts).
 */
export const THROTTLE_ENV = {
  AUTH_THROTTLE_ACCOUNT_FAILURES: "5",
  AUTH_THROTTLE_IP_FAILURES: "20",
  AUTH_THROTTLE_BACKOFF_SECONDS: "10",
  // Every test registers from localhost, and the hostile-input suite sends many registrations and wrong
  // current passwords on purpose: those throttles are proved by unit tests (lib/users-throttle.test.ts)
  // and kept out of the way here.
  AUTH_THROTTLE_REGISTER_IP_ATTEMPTS: "1000000",
  AUTH_THROTTLE_REGISTER_EMAIL_ATTEMPTS: "1000000",
  AUTH_THROTTLE_PASSWORD_CHECK_FAILURES: "1000000",
} as const;

const STRATEGY: Record<Mode, Record<string, string>> = {
  database: { AUTH_SESSION_STRATEGY: "database" },
  jwt: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" },
  "jwt-version": { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "version" },
  "jwt-stateless": { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" },
};

type Definition = {
  project: string;
  mode: Mode;
  port: number;
  tlsPort?: number;
  env?: Record<string, string>;
  testMatch?: string[];
  postgresql?: true;
};

/**
 * Tests whose behaviour is the same code whatever the session strategy (redirect rules, input matching):
 * tagged with this, they run in the database projects only. Whole specs of that kind are in DATABASE_ONLY.
 */
export const SAME_IN_EVERY_MODE_TAG = "@same-in-every-mode";

/** Specs whose behaviour is the same code in every mode, or that cover every mode themselves: run by the database project only. */
const DATABASE_ONLY = [
  // Validation of every form, action and route handler (zod, the same schemas in every mode), security
  // headers (proxy.ts), and sign-in throttling (keyed on account and IP, before any session exists).
  "hostile-input.spec.ts",
  "headers.spec.ts",
  "throttle.spec.ts",
  "throttle-burst.spec.ts",
  "leak-guard.spec.ts",
  "flows.spec.ts",
  "compare.spec.ts",
  // Registration and sign-in validation: the same forms and actions whatever the session strategy.
  "bad-input.spec.ts",
];

/** Served over HTTPS (scripts/https-proxy.mjs, a self-signed certificate): `__Host-` cookies, Secure, HSTS. */
const HTTPS_SPECS = ["https.spec.ts"];

/**
 * All from the same `next build`, each with its own database: the two main projects (every spec, the
 * stateful modes) on PostgreSQL, the rest on SQLite, so that both databases run the suite without a
 * second copy of it.
 */
const DEFINITIONS: Definition[] = [
  { project: "database", mode: "database", port: 3201, postgresql: true },
  { project: "jwt", mode: "jwt", port: 3202, postgresql: true },
  // Stateless JWT differs only where revocation and freshness matter.
  {
    project: "jwt-stateless",
    mode: "jwt-stateless",
    port: 3203,
    testMatch: [
      "auth-flow.spec.ts",
      "session-storage.spec.ts",
      "password-change.spec.ts",
      "admin.spec.ts",
      "activity.spec.ts",
      "tokens.spec.ts",
      "accessibility.spec.ts",
      "inspect.spec.ts",
      // Where the bearer API meets the browser strategy: API sign-ins listed without a session list.
      "api.spec.ts",
    ],
  },
  // The per-user token version: differs from `sid` in sign-out, the session list, revocation and forged
  // versions; where it matches `sid` (sign-in, redirects, the onboarding form) the other projects cover it.
  {
    project: "jwt-version",
    mode: "jwt-version",
    port: 3222,
    testMatch: [
      "session-storage.spec.ts",
      "password-change.spec.ts",
      "admin.spec.ts",
      "tokens.spec.ts",
      "inspect.spec.ts",
      "accessibility.spec.ts",
      "api.spec.ts",
    ],
  },
  { project: "database-timeouts", mode: "database", port: 3204, env: SHORT_ENV, testMatch: ["timeouts.spec.ts"] },
  { project: "jwt-timeouts", mode: "jwt", port: 3205, env: SHORT_ENV, testMatch: ["timeouts.spec.ts"] },
  { project: "jwt-stateless-timeouts", mode: "jwt-stateless", port: 3206, env: SHORT_ENV, testMatch: ["timeouts.spec.ts"] },
  { project: "database-https", mode: "database", port: 3207, tlsPort: 3443, testMatch: HTTPS_SPECS },
  { project: "jwt-https", mode: "jwt", port: 3208, tlsPort: 3444, testMatch: HTTPS_SPECS },
  // A fresh install with no admin (every other server gets admins from its tests), for the setup code
  // printed at start. Stateless: the one mode where redeeming must re-issue the token to carry the role.
  { project: "jwt-stateless-setup", mode: "jwt-stateless", port: 3209, testMatch: ["setup.spec.ts"] },
];

/**
 * Local runs only: `E2E_PROJECTS=database,jwt` starts just those projects' servers (their outage projects
 * follow them), and `E2E_PORT_OFFSET=100` moves every port, so two checkouts can run e2e side by side.
 * CI sets neither and runs everything.
 */
const ONLY = (process.env.E2E_PROJECTS ?? "")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
export const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;

/**
 * PostgreSQL for the e2e servers: the server at TEST_POSTGRES_URL (default: the local one), one database
 * per server named TEST_DATABASE_PREFIX_e2e_<project>_<port> (so checkouts with their own port offset
 * never share one), emptied when the server starts and dropped when the run ends (e2e/support/teardown.ts).
 */
const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE_PREFIX = (process.env.TEST_DATABASE_PREFIX?.trim() || "auth_modes_test").toLowerCase();
function postgresUrl(project: string, port: number): string {
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${DATABASE_PREFIX}_e2e_${project.replace(/\W/g, "_")}_${port}`;
  return url.toString();
}
const SELECTED = ONLY.length ? DEFINITIONS.filter((definition) => ONLY.includes(definition.project)) : DEFINITIONS;

export const MODE_SERVERS: ModeServer[] = SELECTED.map(
  ({ project, mode, port: basePort, tlsPort: baseTlsPort, env = {}, testMatch, postgresql }) => {
    const port = basePort + PORT_OFFSET;
    const tlsPort = baseTlsPort ? baseTlsPort + PORT_OFFSET : undefined;
    // SQLite: a folder per database, which e2e/security/outage.spec.ts takes away whole.
    const databaseUrl = postgresql ? postgresUrl(project, port) : `file:./.e2e/${project}/app.db`;
    return {
      project,
      mode,
      port,
      baseURL: tlsPort ? `https://localhost:${tlsPort}` : `http://localhost:${port}`,
      ...(tlsPort ? { tlsPort } : {}),
      databaseUrl,
      logFile: `.e2e/${project}.log`,
      ...(testMatch ? { testMatch } : { testIgnore: mode === "database" ? SPECIAL : [...SPECIAL, ...DATABASE_ONLY] }),
      ...(mode === "database" ? {} : { grepInvert: new RegExp(SAME_IN_EVERY_MODE_TAG) }),
      env: {
        ...STRATEGY[mode],
        ...THROTTLE_ENV,
        ...env,
        ...(tlsPort ? { AUTH_URL: `https://localhost:${tlsPort}` } : {}),
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        AUTH_SECRET: E2E_SECRET,
        AUTH_BCRYPT_COST: "4",
        // `next start` is production, where the demo account must be forced (and its password is not shown).
        SEED_DEMO_USER: "force",
        // The tests stand in for the one proxy in front (docs/production.md): the X-Forwarded-For they send
        // is the client address, so each throttle test can come from an address of its own.
        TRUSTED_PROXY_HOPS: "1",
      },
    };
  },
);

/**
 * Projects that take a server's database away (e2e/security/outage.spec.ts), one per database: the
 * `database` server (PostgreSQL: connections refused and ended) and the `database-https` server
 * (SQLite: its file moved away). Each runs after that server's project has finished, so no other test
 * sees the outage.
 */
export const OUTAGE_PROJECTS = MODE_SERVERS.filter((server) => server.project === "database" || server.project === "database-https").map(
  (server) => ({
    project: `${server.project}-outage`,
    server,
  }),
);

/**
 * The `cluster-*` projects (e2e/cluster.spec.ts): per mode, `npm run cluster` with 2 instances behind
 * HAProxy, both on one PostgreSQL database (created and dropped by e2e/support/cluster-server.mjs). The
 * balancer is on `port`, the instances on the next two ports. Ports 3210–3218; e2e/cluster.spec.ts starts
 * one more cluster of its own on 3219–3221 to stop it.
 */
export type ClusterServer = {
  project: string;
  mode: Mode;
  port: number;
  instancePorts: number[];
  baseURL: string;
  databaseUrl: string;
  logFile: string;
  env: Record<string, string>;
};

/** PostgreSQL 15 on every machine, CI's included (trust auth); each cluster's database is named after its port, so checkouts do not share one. */
const E2E_POSTGRES = "postgresql://postgres@127.0.0.1:5432";
export const clusterDatabaseUrl = (purpose: string, port: number) => `${E2E_POSTGRES}/am_cluster_e2e_${purpose.replace(/-/g, "_")}_${port}`;

export const CLUSTER_INSTANCES = 2;
export const CLUSTER_STOP_TEST_PORT = 3219 + PORT_OFFSET;

const CLUSTER_DEFINITIONS: { project: string; mode: Mode; port: number }[] = [
  { project: "cluster-database", mode: "database", port: 3210 },
  { project: "cluster-jwt", mode: "jwt", port: 3213 },
  { project: "cluster-jwt-stateless", mode: "jwt-stateless", port: 3216 },
];

export const CLUSTER_SERVERS: ClusterServer[] = CLUSTER_DEFINITIONS.filter(({ project }) => !ONLY.length || ONLY.includes(project)).map(
  ({ project, mode, port: basePort }) => {
    const port = basePort + PORT_OFFSET;
    return {
      project,
      mode,
      port,
      instancePorts: Array.from({ length: CLUSTER_INSTANCES }, (_, index) => port + 1 + index),
      baseURL: `http://localhost:${port}`,
      databaseUrl: clusterDatabaseUrl(mode, port),
      logFile: `.e2e/${project}.log`,
      env: {
        ...STRATEGY[mode],
        ...THROTTLE_ENV,
        AUTH_SECRET: E2E_SECRET,
        AUTH_BCRYPT_COST: "4",
        SEED_DEMO_USER: "force",
      },
    };
  },
);
