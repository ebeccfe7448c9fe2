// Shared by lib/env.ts and prisma.config.ts (which Prisma's CLI loads outside Next.js).
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export function databaseUrlFrom(source: Record<string, string | undefined>): string {
  const value = source.DATABASE_URL?.trim();
  return value ? value : DEFAULT_DATABASE_URL;
}

/** The databases this app runs on: the embedded SQLite file (default) and PostgreSQL. */
export const DATABASE_PROVIDERS = ["sqlite", "postgresql"] as const;
export type DatabaseProvider = (typeof DATABASE_PROVIDERS)[number];

/** Which database a URL selects: `file:` is SQLite, `postgres://` or `postgresql://` PostgreSQL, anything else null. */
export function databaseProviderOf(url: string): DatabaseProvider | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  return null;
}

/** Where each provider's schema and migration history live (one model definition; see scripts/lib/schemas.mjs). */
export const PRISMA_PATHS: Record<DatabaseProvider, { schema: string; migrations: string }> = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations/sqlite" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/migrations/postgresql" },
};
