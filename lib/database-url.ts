// Shared by lib/env.ts and prisma.config.ts (which Prisma's CLI loads outside Next.js).
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export function databaseUrlFrom(source: Record<string, string | undefined>): string {
  const value = source.DATABASE_URL?.trim();
  return value ? value : DEFAULT_DATABASE_URL;
}
