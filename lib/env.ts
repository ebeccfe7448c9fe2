import { z } from "zod";
import { databaseProviderOf, databaseUrlFrom } from "./database-url";

// The one place that reads process.env. Parsed lazily, at server start or first use, never at build
// time: one build serves both session strategies.

export const SESSION_STRATEGIES = ["database", "jwt"] as const;
export type SessionStrategy = (typeof SESSION_STRATEGIES)[number];
export const JWT_REVOCATION_MODES = ["sid", "version", "off"] as const;
export type JwtRevocation = (typeof JWT_REVOCATION_MODES)[number];

const seconds = (fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number of seconds` })
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 second")
    .max(400 * 24 * 60 * 60, "must be at most 400 days (browsers cap cookie lifetimes there)")
    .default(fallback);

const count = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1_000_000, "must be at most 1000000")
    .default(fallback);

const milliseconds = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: "must be a whole number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(min, `must be at least ${min} ms`)
    .max(max, `must be at most ${max} ms`)
    .default(fallback);

const MIN_SECRET_BYTES = 32;
const GENERATE_SECRET = "generate one with: openssl rand -base64 32";
/** Below this, a secret is refused as too uniform; a random 32-byte secret estimates at 180 bits or more. */
export const MIN_SECRET_BITS = 128;

/**
 * A rough upper bound on a secret's entropy: its length times the Shannon entropy of its character
 * frequencies. `aaaa…` scores 0 and `changemechangeme…` 88, while 32 random bytes in base64 (43 or 44
 * characters) score at least 180 and in hex (64 characters) at least 210. It measures variety only: a
 * repeated pattern of many different characters still passes, so the advice stays "use random bytes".
 */
export function estimatedSecretBits(secret: string): number {
  const characters = [...secret];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    bitsPerCharacter -= p * Math.log2(p);
  }
  return bitsPerCharacter * characters.length;
}

/** The first thing wrong with a secret, or null: long enough, and varied enough to be random. */
function secretProblem(value: string): string | null {
  if (Buffer.byteLength(value, "utf8") < MIN_SECRET_BYTES) return `must be at least ${MIN_SECRET_BYTES} bytes (${GENERATE_SECRET})`;
  const bits = estimatedSecretBits(value);
  if (bits < MIN_SECRET_BITS) {
    return `has too little variety to be random (about ${Math.floor(bits)} bits estimated from its characters, at least ${MIN_SECRET_BITS} needed; ${GENERATE_SECRET})`;
  }
  return null;
}

const secret = (required: string) =>
  z.string({ error: required }).check((ctx) => {
    const problem = secretProblem(ctx.value);
    if (problem) ctx.issues.push({ code: "custom", input: ctx.value, message: problem });
  });

const FLAG_VALUES = ["true", "false", "1", "0", "yes", "no"] as const;
const isOn = (value: string) => ["true", "1", "yes"].includes(value);

/**
 * `SEED_DEMO_USER=force`: seed the demo account even when NODE_ENV=production, where `true` is refused
 * (its password is published in the README). For throwaway demo servers and the e2e suite only.
 */
export const FORCE_DEMO_USER = "force";

/** Plain http is accepted in production only for these hosts: the browser and server on one machine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

const envSchema = z
  .object({
    AUTH_SESSION_STRATEGY: z
      .enum(SESSION_STRATEGIES, {
        error: (issue) => `must be one of: ${SESSION_STRATEGIES.join(", ")} (got "${String(issue.input)}")`,
      })
      .default("database"),
    AUTH_JWT_REVOCATION: z
      .enum(JWT_REVOCATION_MODES, {
        error: (issue) => `must be one of: ${JWT_REVOCATION_MODES.join(", ")} (got "${String(issue.input)}")`,
      })
      .default("sid"),
    AUTH_SESSION_MAX_AGE: seconds(30 * 24 * 60 * 60),
    AUTH_SESSION_UPDATE_AGE: seconds(24 * 60 * 60),
    AUTH_SESSION_ABSOLUTE_MAX_AGE: seconds(90 * 24 * 60 * 60),
    AUTH_SECRET: secret(`is required (${GENERATE_SECRET})`),
    // Rotation: a new secret goes in AUTH_SECRET_1 (older ones move down); tokens are issued under the
    // newest and accepted under any of them (lib/auth/jwt.ts).
    AUTH_SECRET_1: secret("must be a string").optional(),
    AUTH_SECRET_2: secret("must be a string").optional(),
    AUTH_SECRET_3: secret("must be a string").optional(),
    AUTH_URL: z.url({ error: "must be an absolute URL such as https://app.example.com" }).optional(),
    DATABASE_URL: z.string().refine((url) => databaseProviderOf(url) !== null, {
      error: (issue) =>
        `must be a file: URL for SQLite (e.g. file:./data/app.db) or a postgresql:// URL such as postgresql://user:password@host:5432/auth_modes (got "${String(issue.input).split(":")[0]}:")`,
    }),
    // PostgreSQL only (lib/db.ts): connections per instance, and how long a connection, or a free one in
    // a full pool, is waited for before the request fails (503); the server cancels a statement after
    // DATABASE_STATEMENT_TIMEOUT_MS. Instances × pool size must stay below the server's max_connections.
    DATABASE_POOL_SIZE: z.coerce
      .number({ error: "must be a whole number from 1 to 1000" })
      .int("must be a whole number from 1 to 1000")
      .min(1, "must be a whole number from 1 to 1000")
      .max(1000, "must be a whole number from 1 to 1000")
      .default(10),
    DATABASE_CONNECT_TIMEOUT_MS: milliseconds(5_000, 100, 600_000),
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(10_000, 100, 3_600_000),
    DATABASE_IDLE_TIMEOUT_MS: milliseconds(10_000, 100, 3_600_000),
    // How long a session check may answer from this instance's cache of live sessions
    // (lib/auth/session-cache.ts): the bound on staleness for writes the app does not see (another process
    // writing the database directly). The app's own writes, and on PostgreSQL every instance's, invalidate
    // at once. 0 turns the cache off.
    AUTH_SESSION_CACHE_TTL_MS: milliseconds(1_000, 0, 60_000),
    AUTH_BCRYPT_COST: z.coerce
      .number({ error: "must be a whole number from 4 to 15" })
      .int("must be a whole number from 4 to 15")
      .min(4, "must be a whole number from 4 to 15")
      .max(15, "must be a whole number from 4 to 15")
      .default(12),
    PASSWORD_PEPPER: z.string().default(""),
    // Read with NODE_ENV below: on by default outside production, off in it, and `true` refused there.
    SEED_DEMO_USER: z
      .enum([...FLAG_VALUES, FORCE_DEMO_USER], {
        error: (issue) => `must be true, false or ${FORCE_DEMO_USER} (got "${String(issue.input)}")`,
      })
      .optional(),
    // `next start` sets production, `next dev` development, Vitest test.
    NODE_ENV: z.string().optional(),
    // Set only by `npm run bench` on the servers it starts: turns on the control page (the same page without
    // the session check) for requests carrying this value (lib/auth/bench-control.ts). `npm start` refuses it.
    AUTH_MODES_BENCH_CONTROL: z.string().min(32, "must be at least 32 characters (npm run bench sets a random one)").optional(),
    // Set only by `npm run flows` (and its e2e check) on the servers it starts: a directory where the
    // server records which tables each request's SQL touched, for the flow diagrams (lib/flows/recorder.ts).
    // Off when unset; `npm start` refuses it.
    AUTH_MODES_RECORD_FLOWS: z.string().optional(),
    // Next.js's own: set (as `npm start` does), Next.js leaves SIGTERM/SIGINT to the app, which writes the
    // queued page views and then exits (lib/activity/buffer.ts). Any non-empty value counts, as in Next.js.
    NEXT_MANUAL_SIG_HANDLE: z
      .string()
      .optional()
      .transform((value) => Boolean(value)),
    // How long the one-time admin setup code printed at start stays valid (lib/admin/setup-code.ts).
    ADMIN_SETUP_CODE_MAX_AGE: seconds(60 * 60),
    // Sign-in throttling (lib/auth/throttle.ts): after this many failures within the window, an account
    // (or an IP) waits AUTH_THROTTLE_BACKOFF_SECONDS, doubled for each further failure, at most 15 minutes.
    AUTH_THROTTLE_ACCOUNT_FAILURES: count(5),
    AUTH_THROTTLE_IP_FAILURES: count(50),
    AUTH_THROTTLE_BACKOFF_SECONDS: seconds(30),
    AUTH_THROTTLE_WINDOW_SECONDS: seconds(15 * 60),
    // The same back-off for the other places that cost a bcrypt hash: registrations per client IP and per
    // address (every attempt counts), and wrong current passwords per account in a password change (the
    // session making the last one allowed is ended).
    AUTH_THROTTLE_REGISTER_IP_ATTEMPTS: count(20),
    AUTH_THROTTLE_REGISTER_EMAIL_ATTEMPTS: count(5),
    AUTH_THROTTLE_PASSWORD_CHECK_FAILURES: count(5),
    // Several instances behind a load balancer (docs/production.md). How many proxies in front of the app
    // append to X-Forwarded-For: the client IP is that many entries from the right; 0 trusts no forwarded
    // address, only the connection's own (lib/request-meta.ts).
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ error: "must be a whole number from 0 to 10" })
      .int("must be a whole number from 0 to 10")
      .min(0, "must be a whole number from 0 to 10")
      .max(10, "must be a whole number from 0 to 10")
      .default(0),
    // Browser origins allowed to call the bearer API (/api/v1) cross-origin: comma-separated, exact
    // origins such as https://app.example.com. None by default (lib/api/cors.ts).
    API_CORS_ORIGINS: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const origins = value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean);
        for (const origin of origins) {
          if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
            ctx.issues.push({
              code: "custom",
              input: origin,
              message: `must list exact origins such as https://app.example.com, comma-separated (got "${origin}")`,
            });
          }
        }
        return origins;
      }),
    // This instance's name, sent as the X-Instance response header (proxy.ts) so people and tests can see
    // which instance answered. Unset: no header.
    INSTANCE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1 to 64 letters, digits, dots, dashes or underscores")
      .optional(),
  })
  .check((ctx) => {
    const { AUTH_SESSION_MAX_AGE: idle, AUTH_SESSION_UPDATE_AGE: update, AUTH_SESSION_ABSOLUTE_MAX_AGE: absolute } = ctx.value;
    if (update >= idle) {
      ctx.issues.push({
        code: "custom",
        path: ["AUTH_SESSION_UPDATE_AGE"],
        input: update,
        message: `must be less than AUTH_SESSION_MAX_AGE (${idle})`,
      });
    }
    if (absolute < idle) {
      ctx.issues.push({
        code: "custom",
        path: ["AUTH_SESSION_ABSOLUTE_MAX_AGE"],
        input: absolute,
        message: `must be at least AUTH_SESSION_MAX_AGE (${idle})`,
      });
    }
  })
  // Runs even when a field is invalid, so a production start lists every problem at once.
  .superRefine(
    (value, ctx) => {
      if (value.NODE_ENV === "production") ctx.issues.push(...productionIssues(value));
    },
    { when: ({ value }) => typeof value === "object" && value !== null },
  )
  .transform(({ SEED_DEMO_USER: seed, ...rest }) => ({
    ...rest,
    SEED_DEMO_USER: seed === undefined ? rest.NODE_ENV !== "production" : seed === FORCE_DEMO_USER || isOn(seed),
  }));

/**
 * What production (NODE_ENV=production, as under `next start`) demands beyond the rest: an AUTH_URL
 * that is https (plain http only on a loopback host, for a local `npm start` and the e2e servers), and
 * no demo account with its published password unless forced.
 */
function productionIssues(value: { AUTH_URL?: string | undefined; SEED_DEMO_USER?: string | undefined }) {
  const issues: { code: "custom"; path: string[]; input: unknown; message: string }[] = [];
  const url = value.AUTH_URL === undefined || !URL.canParse(value.AUTH_URL) ? undefined : new URL(value.AUTH_URL);
  if (value.AUTH_URL === undefined) {
    issues.push({
      code: "custom",
      path: ["AUTH_URL"],
      input: undefined,
      message:
        "is required when NODE_ENV=production: the app's public https:// address, e.g. https://app.example.com (plain http:// only for localhost)",
    });
  } else if (url && url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    issues.push({
      code: "custom",
      path: ["AUTH_URL"],
      input: value.AUTH_URL,
      message: `must be an https:// URL when NODE_ENV=production (got "${value.AUTH_URL}"): without it the session cookie is not Secure and there is no HSTS. Plain http:// is accepted only for localhost, 127.0.0.1 and [::1]`,
    });
  }
  if (value.SEED_DEMO_USER !== undefined && value.SEED_DEMO_USER !== FORCE_DEMO_USER && isOn(value.SEED_DEMO_USER)) {
    issues.push({
      code: "custom",
      path: ["SEED_DEMO_USER"],
      input: value.SEED_DEMO_USER,
      message: `is refused when NODE_ENV=production: the demo account's password is published, so anyone could sign in with it. Unset it, or set SEED_DEMO_USER=${FORCE_DEMO_USER} for a throwaway demo server`,
    });
  }
  return issues;
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const blankToUndefined = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value?.trim() === "" ? undefined : value]),
  );
  const result = envSchema.safeParse({
    ...blankToUndefined,
    DATABASE_URL: databaseUrlFrom(source),
  });
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** `env.X` reads the validated configuration; the first read parses and validates all of it. */
export const env: Readonly<Env> = new Proxy({} as Env, {
  get: (_target, key) => getEnv()[key as keyof Env],
});

/** Every configured secret, newest first: AUTH_SECRET_1, _2, _3, then AUTH_SECRET. Tokens are issued under the first. */
export function authSecrets(config: Env = getEnv()): string[] {
  const all = [config.AUTH_SECRET_1, config.AUTH_SECRET_2, config.AUTH_SECRET_3, config.AUTH_SECRET];
  return [...new Set(all.filter((secret): secret is string => Boolean(secret)))];
}

/**
 * NODE_ENV=production: `next start`, or a deployment that says so; no shortcuts meant for local demos.
 * Reads the given configuration, else the process's NODE_ENV (set before the server starts, never
 * changed while it runs).
 */
export function isProduction(config?: Pick<Env, "NODE_ENV">): boolean {
  return (config ? config.NODE_ENV : process.env.NODE_ENV) === "production";
}

/** `next dev` (as opposed to a production build): the CSP then allows what React's development build needs. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}

/** Settings this version no longer reads, with what replaces them: startup warns about any still set. */
const RETIRED_SETTINGS: Record<string, string> = {
  ADMIN_EMAILS:
    "is no longer read: typing a listed address proved nothing. Make admins on the server with `npm run admin -- grant <email>`, or redeem the setup code from the server log at /setup.",
};

export function retiredSettings(source: Record<string, string | undefined> = process.env): string[] {
  return Object.entries(RETIRED_SETTINGS)
    .filter(([name]) => source[name]?.trim())
    .map(([name, message]) => `${name} ${message}`);
}
