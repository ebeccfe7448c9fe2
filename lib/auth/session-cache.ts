import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { observeWrites } from "@/lib/db-statements";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";

// This instance's cache of live sessions: the joined Session + User row of a session check, keyed by the
// token's hash, so that a check repeated within AUTH_SESSION_CACHE_TTL_MS sends no statement. Only the
// read is cached: findLiveSession (lib/auth/session-rows.ts) still runs every rule (idle expiry, absolute
// lifetime, disabled account, slide, lastSeenAt) against the cached values on every check.
//
// How it stays right:
// - Every UPDATE/DELETE this process sends that names "Session" or "User" (lib/db.ts sees them all, at
//   the driver) empties the cache, when sent and again when done (or at commit): sign-out, revocation,
//   password change, admin actions, pruning, and any code path added later. The cache's own slide and
//   lastSeenAt writes say so (`asCacheWrite`) and update their entry instead.
// - A read that started before an invalidation is not stored (the generation counter), so a row read
//   just before a revocation is not cached after it.
// - PostgreSQL: triggers NOTIFY every instance of changes to those tables (lib/auth/session-cache-listener.ts);
//   while that listener is not connected the cache is bypassed, so an instance never serves what it
//   could not have been told about.
// - Writes nobody announces (another process writing SQLite directly) are seen within the TTL.
//
// jwt `version` mode reads the user's row instead of a session's (lib/auth/token-version.ts). Those rows
// are kept here too, under the same rules, but only on PostgreSQL, where every writer's change reaches
// every instance: that mode's promise is that a bump ends every token on the next request.

/** The joined row a session check reads (lib/auth/session-rows.ts). */
export type SessionAndUserRow = {
  id: string;
  userId: string;
  expires: Date;
  createdAt: Date;
  lastSeenAt: Date;
  name: string | null;
  email: string;
  role: Role;
  emailVerified: Date | null;
  image: string | null;
  disabledAt: Date | null;
};

/** At most this many sessions are kept; the least recently checked one makes room. */
export const SESSION_CACHE_MAX_ENTRIES = 10_000;

/** The user row a jwt `version` check reads (lib/auth/token-version.ts). */
export type VersionedUserRow = {
  id: string;
  name: string | null;
  email: string;
  role: Role;
  disabledAt: Date | null;
  tokenVersion: number;
};

type Entry = { row: SessionAndUserRow; storedAt: number };
type UserEntry = { row: VersionedUserRow; storedAt: number };
type CacheState = {
  entries: Map<string, Entry>;
  /** jwt `version` mode: user rows by id. */
  users: Map<string, UserEntry>;
  /** Moves on every invalidation: a read started under an older generation is not stored. */
  generation: number;
  /** PostgreSQL: whether the invalidation listener is connected (the cache is bypassed otherwise). */
  listening: boolean;
  ownWrites: AsyncLocalStorage<true>;
  /** Work run through `withoutSessionCache`: its checks read the database. */
  bypassed: AsyncLocalStorage<true>;
  unobserve?: () => void;
};

// On globalThis: proxy.ts is a separate bundle in the same process, and an invalidation from a server
// action must reach the entries proxy.ts reads (as lib/db.ts keeps one client).
const globalForCache = globalThis as unknown as { sessionCache?: CacheState };
const state: CacheState = (globalForCache.sessionCache ??= {
  entries: new Map<string, Entry>(),
  users: new Map<string, UserEntry>(),
  generation: 0,
  listening: false,
  ownWrites: new AsyncLocalStorage<true>(),
  bypassed: new AsyncLocalStorage<true>(),
});

/**
 * A write statement that can change a cached row: an UPDATE or DELETE (or upsert) naming "Session" or
 * "User", quoted as PostgreSQL and raw SQL quote them or as Prisma does on SQLite (`main`.`Session`).
 */
export function changesSessionRows(sql: string): boolean {
  if (/^\s*SELECT\b/i.test(sql)) return false;
  if (!/["`](Session|User)["`]/.test(sql)) return false;
  // A plain INSERT adds a row under a new key: nothing cached changes.
  return !/^\s*INSERT\b/i.test(sql) || /\bON\s+CONFLICT\b/i.test(sql);
}

state.unobserve ??= observeWrites((sql) => {
  // With the cache off nothing is stored: no statement needs reading.
  if (env.AUTH_SESSION_CACHE_TTL_MS > 0 && !state.ownWrites.getStore() && changesSessionRows(sql)) clearSessionCache();
});

/** Whether a check may use the cache now: a TTL is set and, on PostgreSQL, the listener is connected. */
export function sessionCacheUsable(needsListener: boolean): boolean {
  return env.AUTH_SESSION_CACHE_TTL_MS > 0 && (!needsListener || state.listening) && !state.bypassed.getStore();
}

/** Runs `work` with its session checks reading the database (/inspect measures what a check costs without the cache). */
export function withoutSessionCache<T>(work: () => Promise<T>): Promise<T> {
  return state.bypassed.run(true, async () => await work());
}

type Timed<T> = { row: T; storedAt: number };

/** The entry under `key` while it is younger than the TTL, moved to most recently used; else null (and dropped). */
function readFresh<T>(map: Map<string, Timed<T>>, key: string, now: number): T | null {
  const entry = map.get(key);
  if (!entry) return null;
  map.delete(key);
  if (now - entry.storedAt >= env.AUTH_SESSION_CACHE_TTL_MS) return null;
  // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
  map.set(key, entry);
  return entry.row;
}

/** Stores a row read under `generation`, unless something was invalidated since; evicts the least recently used. */
function storeFresh<T>(map: Map<string, Timed<T>>, key: string, row: T, generation: number, storedAt: number): void {
  if (generation !== state.generation) return;
  map.delete(key);
  map.set(key, { row, storedAt });
  if (map.size > SESSION_CACHE_MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/** The cached row under `hash` while it is younger than the TTL, or null. */
export function readCachedSession(hash: string, now = Date.now()): SessionAndUserRow | null {
  return readFresh(state.entries, hash, now);
}

/** The generation to pass to storeCachedSession: read it before the database read. */
export function sessionCacheGeneration(): number {
  return state.generation;
}

/** Caches a row read from the database, unless something was invalidated since the read began. */
export function storeCachedSession(hash: string, row: SessionAndUserRow, generation: number, storedAt = Date.now()): void {
  storeFresh(state.entries, hash, row, generation, storedAt);
}

/** jwt `version` mode: the cached user row while it is younger than the TTL, or null. */
export function readCachedUser(id: string, now = Date.now()): VersionedUserRow | null {
  return readFresh(state.users, id, now);
}

/** Caches a user row read from the database, unless something was invalidated since the read began. */
export function storeCachedUser(row: VersionedUserRow, generation: number, storedAt = Date.now()): void {
  storeFresh(state.users, row.id, row, generation, storedAt);
}

/** After this process's own slide or lastSeenAt write: the entry keeps its age (the TTL still bounds the rest of the row). */
export function updateCachedSession(hash: string, fields: Pick<SessionAndUserRow, "expires" | "lastSeenAt">): void {
  const entry = state.entries.get(hash);
  if (entry) entry.row = { ...entry.row, ...fields };
}

/**
 * Runs the cache's own write (a slide, lastSeenAt): its statements do not empty the cache. A read that
 * began before the write ends is still not stored (it may hold the row as it was before it), so the
 * generation moves on when the write starts and again when it ends.
 */
export async function asCacheWrite<T>(write: () => Promise<T>): Promise<T> {
  state.generation += 1;
  try {
    // Awaited inside run(): a Prisma query is a lazy thenable that starts only when awaited.
    return await state.ownWrites.run(true, async () => await write());
  } finally {
    state.generation += 1;
  }
}

export function dropCachedSession(hash: string): void {
  state.generation += 1;
  state.entries.delete(hash);
}

export function dropCachedSessionsOf(userId: string): void {
  state.generation += 1;
  state.users.delete(userId);
  for (const [hash, entry] of state.entries) if (entry.row.userId === userId) state.entries.delete(hash);
}

/** The same row as the database now holds after a slide (`expires`, `lastSeenAt` in ms): kept; otherwise dropped. */
export function dropCachedSessionUnlessSlidTo(hash: string, expires: number, lastSeenAt: number): void {
  const entry = state.entries.get(hash);
  if (entry && entry.row.expires.getTime() === expires && entry.row.lastSeenAt.getTime() === lastSeenAt) return;
  dropCachedSession(hash);
}

export function clearSessionCache(): void {
  state.generation += 1;
  state.entries.clear();
  state.users.clear();
}

/** PostgreSQL: the listener connected (the cache starts empty: it may have missed changes) or lost. */
export function setSessionCacheListening(listening: boolean): void {
  clearSessionCache();
  state.listening = listening;
}

export function sessionCacheSize(): number {
  return state.entries.size + state.users.size;
}

export function isSessionCached(hash: string): boolean {
  return state.entries.has(hash);
}
