import { z } from "zod";
import { databaseUrlFrom } from "./database-url";

// The one place that reads process.env. Parsed lazily, at server start or first use, never at build
// time: one build serves both session strategies.

export const SESSION_STRATEGIES = ["database", "jwt"] as const;
export type SessionStrategy = (typeof SESSION_STRATEGIES)[number];

const MIN_SECRET_BYTES = 32;

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], {
      error: (issue) => `must be true or false (got "${String(issue.input)}")`,
    })
    .optional()
    .transform((value) => (value === undefined ? fallback : ["true", "1", "yes"].includes(value)));

const envSchema = z.object({
  AUTH_SESSION_STRATEGY: z
    .enum(SESSION_STRATEGIES, {
      error: (issue) =>
        `must be one of: ${SESSION_STRATEGIES.join(", ")} (got "${String(issue.input)}")`,
    })
    .default("database"),
  AUTH_SECRET: z
    .string({ error: "is required (generate one with: openssl rand -base64 32)" })
    .refine((value) => Buffer.byteLength(value, "utf8") >= MIN_SECRET_BYTES, {
      message: `must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 32)`,
    }),
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
