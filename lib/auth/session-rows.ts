import "server-only";
import { recordActivity } from "@/lib/activity/record";
import { databaseProvider, getDb, sqliteDate, sqliteReadClient } from "@/lib/db";
import { env } from "@/lib/env";
import { Role as RoleValues, type Role } from "@/lib/generated/prisma/enums";
import { getRequestMeta } from "@/lib/request-meta";
import { sessionEndReason, type SessionEndReason } from "./lifetime";
import { pruneExpiredSessionsSometimes } from "./prune";
import {
  asCacheWrite,
  dropCachedSession,
  readCachedSession,
  sessionCacheGeneration,
  sessionCacheUsable,
  storeCachedSession,
  updateCachedSession,
  type SessionAndUserRow,
} from "./session-cache";
import { postgresSessionCacheUsable } from "./session-cache-listener";
import { generateSessionToken, hashSessionToken } from "./session-token";

// The Session table: database-mode sessions and, in jwt mode with AUTH_JWT_REVOCATION=sid, the registry
// the token's `sid` claim is checked against. Rows hold SHA-256 of the token/sid, never the value.

/** lastSeenAt is written at most this often per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export type LiveSession = {
  session: { id: string; sessionToken: string; userId: string; expires: Date; createdAt: Date; lastSeenAt: Date };
  user: { id: string; name: string | null; email: string; role: Role; emailVerified: Date | null; image: string | null };
  /** Whether this read moved the idle expiry (a cookie that carries the expiry should follow). */
  slid: boolean;
};

const ROLES: readonly string[] = Object.values(RoleValues);
const isDate = (value: unknown): value is Date => value instanceof Date;
const isDateOrNull = (value: unknown) => value === null || isDate(value);
const isStringOrNull = (value: unknown) => value === null || typeof value === "string";

function isSessionAndUserRow(row: unknown): row is SessionAndUserRow {
  if (typeof row !== "object" || row === null) return false;
  const r = row as Record<string, unknown>;
  return (
    typeof r.id === "string" &&
    typeof r.userId === "string" &&
    isDate(r.expires) &&
    isDate(r.createdAt) &&
    isDate(r.lastSeenAt) &&
    isStringOrNull(r.name) &&
    typeof r.email === "string" &&
    typeof r.role === "string" &&
    ROLES.includes(r.role) &&
    isDateOrNull(r.emailVerified) &&
    isStringOrNull(r.image) &&
    isDateOrNull(r.disabledAt)
  );
}

/** Creates a session row for `userId` and returns its secret value (cookie token or sid). */
export async function createSessionRow(userId: string): Promise<string> {
  const token = generateSessionToken();
  await insertSessionRow(token, userId, new Date(Date.now() + env.AUTH_SESSION_MAX_AGE * 1000));
  return token;
}

/** Stores a session whose token the caller chose (Auth.js's adapter `createSession`): only its hash is written. */
export async function insertSessionRow(token: string, userId: string, expires: Date): Promise<void> {
  const { userAgent, ip } = await getRequestMeta();
  await getDb().session.create({ data: { sessionToken: hashSessionToken(token), userId, expires, userAgent, ip } });
  void pruneExpiredSessionsSometimes();
}

/**
 * Moves a session's idle expiry (Auth.js's adapter `updateSession`), never past its absolute lifetime.
 * Returns who it belongs to and the expiry now stored, or null when there is no such session.
 */
export async function updateSessionExpiry(token: string, expires: Date | undefined): Promise<{ userId: string; expires: Date } | null> {
  const db = getDb();
  const row = await db.session.findUnique({
    where: { sessionToken: hashSessionToken(token) },
    select: { id: true, userId: true, expires: true, createdAt: true },
  });
  if (!row) return null;
  if (!expires) return { userId: row.userId, expires: row.expires };
  const capped = new Date(Math.min(expires.getTime(), row.createdAt.getTime() + env.AUTH_SESSION_ABSOLUTE_MAX_AGE * 1000));
  const { count } = await db.session.updateMany({ where: { id: row.id }, data: { expires: capped } });
  return count === 1 ? { userId: row.userId, expires: capped } : null;
}

const SESSION_AND_USER = (parameter: string) =>
  `SELECT s."id", s."userId", s."expires", s."createdAt", s."lastSeenAt", u."name", u."email", u."role", u."emailVerified", u."image", u."disabledAt" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."sessionToken" = ${parameter}`;

/**
 * The session stored under `hash` and its user, in one statement. Prisma's `include` sends two (the
 * session, then the user) on SQLite; this join is plain SQL with quoted identifiers, the same on SQLite
 * and PostgreSQL. On SQLite it goes straight to the libsql client Prisma opened (lib/db.ts,
 * `sqliteReadClient`), its DateTime text read as Prisma reads it; otherwise through Prisma, whose
 * adapters hand back Date objects.
 */
async function findSessionAndUser(hash: string): Promise<SessionAndUserRow | null> {
  const raw = sqliteReadClient();
  let row: unknown;
  if (raw) {
    const [found] = (await raw.execute({ sql: SESSION_AND_USER("?"), args: [hash] })).rows;
    if (found === undefined) return null;
    const nullableDate = (value: unknown) => (value === null ? null : sqliteDate(value));
    row = {
      ...found,
      expires: sqliteDate(found.expires),
      createdAt: sqliteDate(found.createdAt),
      lastSeenAt: sqliteDate(found.lastSeenAt),
      emailVerified: nullableDate(found.emailVerified),
      disabledAt: nullableDate(found.disabledAt),
    };
  } else {
    const parameter = databaseProvider() === "postgresql" ? "$1" : "?";
    [row] = await getDb().$queryRawUnsafe<unknown[]>(SESSION_AND_USER(parameter), hash);
    if (row === undefined) return null;
  }
  if (!isSessionAndUserRow(row)) throw new Error("The session query returned an unexpected row");
  return row;
}

/**
 * The row behind `hash`, from this instance's cache (lib/auth/session-cache.ts) while it is younger than
 * AUTH_SESSION_CACHE_TTL_MS, else from the database (and then cached). On PostgreSQL only while the
 * invalidation listener is connected.
 */
async function cachedSessionAndUser(hash: string): Promise<SessionAndUserRow | null> {
  const usable = databaseProvider() === "postgresql" ? postgresSessionCacheUsable() : sessionCacheUsable(false);
  if (!usable) return findSessionAndUser(hash);
  const cached = readCachedSession(hash);
  if (cached) return cached;
  const generation = sessionCacheGeneration();
  const row = await findSessionAndUser(hash);
  if (row) storeCachedSession(hash, row, generation);
  return row;
}

/**
 * The session behind `token` if it is still alive: not past its idle expiry, not past its absolute
 * lifetime, and its user not disabled. A dead row is deleted. A live one slides its idle expiry once
 * it is AUTH_SESSION_UPDATE_AGE old, and records when it was last seen (at most once a minute): one
 * read (none when the row is cached: every rule still runs on the cached values), and a write only
 * when one of those is due.
 */
export async function findLiveSession(token: string): Promise<LiveSession | null> {
  const hash = hashSessionToken(token);
  const db = getDb();
  const row = await cachedSessionAndUser(hash);
  if (!row) return null;
  const now = Date.now();
  const absoluteEnd = row.createdAt.getTime() + env.AUTH_SESSION_ABSOLUTE_MAX_AGE * 1000;
  if (row.disabledAt) {
    // A disabled user's sessions end without a timeout event: the admin action recorded why.
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  const ended = sessionEndReason(row.expires.getTime(), absoluteEnd, now);
  if (ended) {
    await expireSessionRow(token, row.userId, ended);
    return null;
  }
  const due = row.expires.getTime() - env.AUTH_SESSION_MAX_AGE * 1000 + env.AUTH_SESSION_UPDATE_AGE * 1000 <= now;
  const stale = now - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
  let { expires, lastSeenAt } = row;
  if (due || stale) {
    lastSeenAt = new Date(now);
    if (due) expires = new Date(Math.min(now + env.AUTH_SESSION_MAX_AGE * 1000, absoluteEnd));
    // The entry follows the row, before the write (so that this instance's own NOTIFY finds it already
    // matching), and the write does not empty the cache (lib/auth/session-cache.ts).
    updateCachedSession(hash, { lastSeenAt, expires });
    try {
      await asCacheWrite(() => db.session.updateMany({ where: { id: row.id }, data: { lastSeenAt, expires } }));
    } catch (error) {
      dropCachedSession(hash);
      throw error;
    }
  }
  return {
    session: { id: row.id, sessionToken: hash, userId: row.userId, expires, createdAt: row.createdAt, lastSeenAt },
    user: { id: row.userId, name: row.name, email: row.email, role: row.role, emailVerified: row.emailVerified, image: row.image },
    slid: due,
  };
}

/** Who a session belongs to and when it expires, without checking or sliding it. */
export async function findSessionRow(token: string): Promise<{ userId: string; expires: Date } | null> {
  return getDb().session.findUnique({ where: { sessionToken: hashSessionToken(token) }, select: { userId: true, expires: true } });
}

/** Ends a timed-out session: deletes its row and, if this call deleted it, records why. */
export async function expireSessionRow(token: string, userId: string, reason: SessionEndReason): Promise<void> {
  const hash = hashSessionToken(token);
  const { count } = await getDb().session.deleteMany({ where: { sessionToken: hash, userId } });
  if (count === 1) await recordActivity({ type: "session.expired", userId, session: { hash }, detail: { reason } });
}

/** Deletes the session behind `token`; true when this call deleted it. */
export async function deleteSessionRow(token: string): Promise<boolean> {
  const { count } = await getDb().session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
  return count === 1;
}

export type SessionSummary = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  userAgent: string | null;
  ip: string | null;
  /** The stored hash, to compare with the current request's; never shown. */
  tokenHash: string;
};

export async function listSessionRows(userId: string): Promise<SessionSummary[]> {
  const rows = await getDb().session.findMany({
    where: { userId, expires: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expires: row.expires,
    userAgent: row.userAgent,
    ip: row.ip,
    tokenHash: row.sessionToken,
  }));
}

/** Deletes one of `userId`'s sessions by id; returns its stored hash, or null when there is no such session of theirs. */
export async function deleteSessionOf(userId: string, sessionId: string): Promise<string | null> {
  const db = getDb();
  const row = await db.session.findFirst({ where: { id: sessionId, userId }, select: { id: true, sessionToken: true } });
  if (!row) return null;
  const { count } = await db.session.deleteMany({ where: { id: row.id } });
  return count === 1 ? row.sessionToken : null;
}

/** Deletes the session of `userId` stored under `hash`; true when there was one. */
export async function deleteSessionByHash(userId: string, hash: string): Promise<boolean> {
  const { count } = await getDb().session.deleteMany({ where: { userId, sessionToken: hash } });
  return count > 0;
}

/** Deletes every session of `userId` except the one whose hash is `keepHash` (all when null); returns the deleted hashes. */
export async function deleteSessionsOf(userId: string, keepHash: string | null): Promise<string[]> {
  const db = getDb();
  const where = { userId, ...(keepHash ? { NOT: { sessionToken: keepHash } } : {}) };
  const rows = await db.session.findMany({ where, select: { sessionToken: true } });
  if (!rows.length) return [];
  const hashes = rows.map((row) => row.sessionToken);
  await db.session.deleteMany({ where: { userId, sessionToken: { in: hashes } } });
  return hashes;
}
