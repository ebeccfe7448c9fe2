import { exclusively, getDb } from "@/lib/db";

// The rules every role change obeys, wherever it comes from (admin pages, `npm run admin`, /setup,
// first sign-up outside production). No "server-only" here: the admin CLI imports it.
//
// Each rule is one conditional UPDATE: the check and the write are a single statement, which SQLite runs
// under its write lock, so two admins demoting each other at once cannot both succeed (a read followed
// by a write would let both pass the check). PostgreSQL under READ COMMITTED does not serialise two
// UPDATEs of different rows this way, so there each rule runs under one advisory lock (`exclusively`).

/** Whether any account is an admin and not disabled. */
export async function hasActiveAdmin(): Promise<boolean> {
  return (await getDb().user.count({ where: { role: "ADMIN", disabledAt: null } })) > 0;
}

/**
 * Makes `userId` an admin only while no active admin exists (a fresh install). Returns whether it did;
 * of several simultaneous calls, one at most succeeds.
 */
export async function promoteIfNoActiveAdmin(userId: string, now = new Date()): Promise<boolean> {
  const promoted = await exclusively(
    "roles",
    (db) => db.$executeRaw`
    UPDATE "User" SET "role" = 'ADMIN', "updatedAt" = ${now}
    WHERE "id" = ${userId} AND "disabledAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "User" AS "other" WHERE "other"."role" = 'ADMIN' AND "other"."disabledAt" IS NULL)`,
  );
  return promoted === 1;
}

/**
 * Makes `userId` a USER unless that leaves no active admin. Returns false when nothing changed: the
 * account is not an admin (any more), or it is the last active one.
 */
export async function demoteUnlessLastAdmin(userId: string, now = new Date()): Promise<boolean> {
  const demoted = await exclusively(
    "roles",
    (db) => db.$executeRaw`
    UPDATE "User" SET "role" = 'USER', "updatedAt" = ${now}
    WHERE "id" = ${userId} AND "role" = 'ADMIN'
      AND ("disabledAt" IS NOT NULL OR EXISTS (
        SELECT 1 FROM "User" AS "other" WHERE "other"."role" = 'ADMIN' AND "other"."disabledAt" IS NULL AND "other"."id" <> ${userId}))`,
  );
  return demoted === 1;
}

/**
 * Disables `userId` unless it is the last active admin. Returns false when nothing changed: the account
 * is already disabled, or it is the last active admin.
 */
export async function disableUnlessLastAdmin(userId: string, now = new Date()): Promise<boolean> {
  const disabled = await exclusively(
    "roles",
    (db) => db.$executeRaw`
    UPDATE "User" SET "disabledAt" = ${now}, "updatedAt" = ${now}
    WHERE "id" = ${userId} AND "disabledAt" IS NULL
      AND ("role" <> 'ADMIN' OR EXISTS (
        SELECT 1 FROM "User" AS "other" WHERE "other"."role" = 'ADMIN' AND "other"."disabledAt" IS NULL AND "other"."id" <> ${userId}))`,
  );
  return disabled === 1;
}

export const LAST_ADMIN_MESSAGE = "is the last active admin. Make someone else an admin first, so the app is never left without one.";
