import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { databaseProvider, getDb, sqliteDate, sqliteReadClient } from "@/lib/db";
import { Role as RoleValues } from "@/lib/generated/prisma/enums";
import { readCachedUser, sessionCacheGeneration, storeCachedUser, type VersionedUserRow } from "./session-cache";
import { postgresSessionCacheUsable } from "./session-cache-listener";
import type { SessionUser } from "./types";

// AUTH_JWT_REVOCATION=version: each token carries the user's `tokenVersion` from when it was issued
// (claim `ver`), and every request reads the user's row and refuses a token whose version is not the
// current one. Bumping the version ends every token of the user at once; no single one can be ended
// alone (there is no per-token record), except this browser's, whose token is re-issued with the new
// version so that "sign out my other devices" keeps it signed in.

export type VersionedUser = SessionUser & { tokenVersion: number };

const ROLES: readonly string[] = Object.values(RoleValues);

function isVersionedUserRow(row: unknown): row is VersionedUserRow {
  if (typeof row !== "object" || row === null) return false;
  const r = row as Record<string, unknown>;
  return (
    typeof r.id === "string" &&
    (r.name === null || typeof r.name === "string") &&
    typeof r.email === "string" &&
    typeof r.role === "string" &&
    ROLES.includes(r.role) &&
    (r.disabledAt === null || r.disabledAt instanceof Date) &&
    typeof r.tokenVersion === "number" &&
    Number.isInteger(r.tokenVersion)
  );
}

const USER_VERSION_SQL = `SELECT "id", "name", "email", "role", "disabledAt", "tokenVersion" FROM "User" WHERE "id" = ?`;

/**
 * The user's row from the database. On SQLite straight to the libsql client Prisma opened, as the
 * session lookup does (lib/auth/session-rows.ts): the statement is the same, without Prisma's query
 * pipeline around it.
 */
async function readUserVersion(userId: string): Promise<VersionedUserRow | null> {
  const raw = sqliteReadClient();
  if (!raw) {
    return getDb().user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, role: true, disabledAt: true, tokenVersion: true },
    });
  }
  const [found] = (await raw.execute({ sql: USER_VERSION_SQL, args: [userId] })).rows;
  if (found === undefined) return null;
  const row = {
    ...found,
    disabledAt: found.disabledAt === null ? null : sqliteDate(found.disabledAt),
    tokenVersion: typeof found.tokenVersion === "bigint" ? Number(found.tokenVersion) : found.tokenVersion,
  };
  if (!isVersionedUserRow(row)) throw new Error("The user query returned an unexpected row");
  return row;
}

/**
 * The row, from this instance's cache (lib/auth/session-cache.ts) on PostgreSQL while its invalidation
 * listener is connected and the row is younger than AUTH_SESSION_CACHE_TTL_MS; otherwise from the
 * database. Not on SQLite: nothing tells a SQLite server of another process's write (a bump by
 * `npm run admin`, say), and this mode promises that a bump ends every token on the next request.
 */
async function cachedUserVersion(userId: string): Promise<VersionedUserRow | null> {
  if (databaseProvider() !== "postgresql" || !postgresSessionCacheUsable()) return readUserVersion(userId);
  const cached = readCachedUser(userId);
  if (cached) return cached;
  const generation = sessionCacheGeneration();
  const row = await readUserVersion(userId);
  if (row) storeCachedUser(row, generation);
  return row;
}

/** The one read per request: the user's claims and token version, or null when the account is gone or disabled. */
export async function findActiveUserVersion(userId: string): Promise<VersionedUser | null> {
  const user = await cachedUserVersion(userId);
  if (!user || user.disabledAt) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion };
}

/** Ends every token of the user: the next request of each is refused. False when there is no such user. */
export async function bumpTokenVersion(userId: string): Promise<boolean> {
  const { count } = await getDb().user.updateMany({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
  return count === 1;
}

/**
 * Bumps the version only if it is still `from` (the version of the token asking), and returns the new
 * one; null when it moved meanwhile (that token is already ended) or the user is gone.
 */
export async function bumpTokenVersionFrom(userId: string, from: number): Promise<number | null> {
  const { count } = await getDb().user.updateMany({
    where: { id: userId, tokenVersion: from, disabledAt: null },
    data: { tokenVersion: { increment: 1 } },
  });
  return count === 1 ? from + 1 : null;
}

// A server action asks the jwt callback to bump the version and re-issue this browser's token with it,
// through AsyncLocalStorage as lib/progress/token-update.ts does: a posted update can never ask for it.
type Rotation = { rotated: boolean };
const pendingRotation = new AsyncLocalStorage<Rotation>();

/** Runs `update` (Auth.js unstable_update) asking for a rotation; true when this token now carries the new version. */
export async function runVersionRotation(update: () => Promise<unknown>): Promise<boolean> {
  const rotation: Rotation = { rotated: false };
  await pendingRotation.run(rotation, update);
  return rotation.rotated;
}

/** For the jwt callback on trigger "update": the rotation a server action asked for, if any. */
export function requestedRotation(): Rotation | undefined {
  return pendingRotation.getStore();
}
