import { z } from "zod";
import { databaseUrlFrom } from "./database-url";

// The one place that reads process.env. Parsed lazily, at server start or first use, never at build
// time: one build serves both session strategies.

export const SESSION_STRATEGIES = ["database", "jwt"] as const;
export type SessionStrategy = (typeof SESSION_STRATEGIES)[number];
export const JWT_REVOCATION_MODES = ["sid", "off"] as const;
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

const MIN_SECRET_BYTES = 32;
const SECRET_MESSAGE = `must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 32)`;
const longEnough = (value: string) => Buffer.byteLength(value, "utf8") >= MIN_SECRET_BYTES;

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], {
      error: (issue) => `must be true or false (got "${String(issue.input)}")`,
    })
    .optional()
    .transform((value) => (value === undefined ? fallback : ["true", "1", "yes"].includes(value)));

const envSchema = z
  .object({
  AUTH_SESSION_STRATEGY: z
    .enum(SESSION_STRATEGIES, {
      error: (issue) =>
        `must be one of: ${SESSION_STRATEGIES.join(", ")} (got "${String(issue.input)}")`,
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
  AUTH_SECRET: z
    .string({ error: "is required (generate one with: openssl rand -base64 32)" })
    .refine(longEnough, { message: SECRET_MESSAGE }),
  // Rotation: a new secret goes in AUTH_SECRET_1 (older ones move down); tokens are issued under the
  // newest and accepted under any of them (lib/auth/jwt.ts).
  AUTH_SECRET_1: z.string().refine(longEnough, { message: SECRET_MESSAGE }).optional(),
  AUTH_SECRET_2: z.string().refine(longEnough, { message: SECRET_MESSAGE }).optional(),
  AUTH_SECRET_3: z.string().refine(longEnough, { message: SECRET_MESSAGE }).optional(),
  AUTH_URL: z.url({ error: "must be an absolute URL such as https://app.example.com" }).optional(),
  DATABASE_URL: z.string(),
  AUTH_BCRYPT_COST: z.coerce
    .number({ error: "must be a whole number from 4 to 15" })
    .int("must be a whole number from 4 to 15")
    .min(4, "must be a whole number from 4 to 15")
    .max(15, "must be a whole number from 4 to 15")
    .default(12),
  PASSWORD_PEPPER: z.string().default(""),
  SEED_DEMO_USER: booleanFlag(true),
  // How long the one-time admin setup code printed at start stays valid (lib/admin/setup-code.ts).
  ADMIN_SETUP_CODE_MAX_AGE: seconds(60 * 60),
  // Sign-in throttling (lib/auth/throttle.ts): after this many failures within the window, an account
  // (or an IP) waits AUTH_THROTTLE_BACKOFF_SECONDS, doubled for each further failure, at most 15 minutes.
  AUTH_THROTTLE_ACCOUNT_FAILURES: count(5),
  AUTH_THROTTLE_IP_FAILURES: count(50),
  AUTH_THROTTLE_BACKOFF_SECONDS: seconds(30),
  AUTH_THROTTLE_WINDOW_SECONDS: seconds(15 * 60),
  })
  .check((ctx) => {
    const { AUTH_SESSION_MAX_AGE: idle, AUTH_SESSION_UPDATE_AGE: update, AUTH_SESSION_ABSOLUTE_MAX_AGE: absolute } = ctx.value;
    if (update >= idle) {
      ctx.issues.push({ code: "custom", path: ["AUTH_SESSION_UPDATE_AGE"], input: update, message: `must be less than AUTH_SESSION_MAX_AGE (${idle})` });
    }
    if (absolute < idle) {
      ctx.issues.push({ code: "custom", path: ["AUTH_SESSION_ABSOLUTE_MAX_AGE"], input: absolute, message: `must be at least AUTH_SESSION_MAX_AGE (${idle})` });
    }
  });

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
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
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

/** `next dev` (as opposed to a production build): the CSP then allows what React's development build needs. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}

/** A production build (`next start` sets NODE_ENV=production): no shortcuts meant for local demos. */
export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
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
