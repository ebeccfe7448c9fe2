import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// The cache of live sessions (lib/auth/session-cache.ts) behind findLiveSession, on both databases: a
// repeated check sends no statement, every write the app makes to "Session" or "User" is seen at once,
// every rule still runs on the cached row, and a write the app does not see is seen within the TTL.
const MAX_AGE = 30;
const UPDATE_AGE = 10;
const TTL_MS = 60_000;
const database = temporaryDatabase("session-cache", {
  AUTH_SESSION_MAX_AGE: String(MAX_AGE),
  AUTH_SESSION_UPDATE_AGE: String(UPDATE_AGE),
  AUTH_SESSION_ABSOLUTE_MAX_AGE: "3600",
  AUTH_SESSION_CACHE_TTL_MS: String(TTL_MS),
});

beforeAll(async () => {
  await database.setup();
  if (database.provider === "postgresql") {
    const { startSessionCacheListener } = await import("./session-cache-listener");
    expect(await startSessionCacheListener()).toBe(true);
  }
}, 60_000);
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  const { stopSessionCacheListener } = await import("./session-cache-listener");
  await stopSessionCacheListener();
  await database.teardown();
});

async function load() {
  const [{ getDb }, { countStatements }, rows, cache, { hashSessionToken }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/db-statements"),
    import("./session-rows"),
    import("./session-cache"),
    import("./session-token"),
  ]);
  const db = getDb();
  let counter = 0;
  const signedIn = async () => {
    counter += 1;
    const user = await db.user.create({ data: { email: `cache-${counter}-${Date.now()}@example.test`, name: `User ${counter}` } });
    const token = await rows.createSessionRow(user.id);
    return { user, token, hash: hashSessionToken(token) };
  };
  /** One check, with the statements it sent. */
  const check = (token: string) => countStatements(() => rows.findLiveSession(token));
  return { db, rows, cache, signedIn, check };
}

/** Moves the clock `seconds` on (Date only: the drivers' timers keep running). */
function later(seconds: number) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + seconds * 1000 });
}

describe("the session cache", () => {
  it("answers a repeated check without a statement, with the same session and user", async () => {
    const { signedIn, check } = await load();
    const { user, token } = await signedIn();
    const first = await check(token);
    expect(first.statements).toBe(1);
    const second = await check(token);
    expect(second.statements).toBe(0);
    expect(second.result?.user).toEqual(first.result?.user);
    expect(second.result?.session).toEqual(first.result?.session);
    expect(second.result?.user.id).toBe(user.id);
    // /inspect measures a check of its own: without the cache, it reads the database again.
    const { cache } = await load();
    expect((await cache.withoutSessionCache(() => check(token))).statements).toBe(1);
    expect((await check(token)).statements).toBe(0);
  });

  it("sees sign-out, revoking one or all sessions, a role change and a disabled account at once", async () => {
    const { db, rows, signedIn, check } = await load();

    const signOut = await signedIn();
    await check(signOut.token);
    expect(await rows.deleteSessionRow(signOut.token)).toBe(true);
    expect((await check(signOut.token)).result).toBeNull();

    const revokeOne = await signedIn();
    const live = await check(revokeOne.token);
    expect(await rows.deleteSessionOf(revokeOne.user.id, live.result?.session.id ?? "")).toBe(revokeOne.hash);
    expect((await check(revokeOne.token)).result).toBeNull();

    const revokeAll = await signedIn();
    await check(revokeAll.token);
    expect(await rows.deleteSessionsOf(revokeAll.user.id, null)).toEqual([revokeAll.hash]);
    expect((await check(revokeAll.token)).result).toBeNull();

    const promoted = await signedIn();
    expect((await check(promoted.token)).result?.user.role).toBe("USER");
    await db.user.update({ where: { id: promoted.user.id }, data: { role: "ADMIN" } });
    const afterRole = await check(promoted.token);
    expect(afterRole.statements).toBeGreaterThan(0);
    expect(afterRole.result?.user.role).toBe("ADMIN");

    const disabled = await signedIn();
    await check(disabled.token);
    // Raw SQL too: the drivers see every statement, however it was written.
    await db.$executeRawUnsafe(`UPDATE "User" SET "disabledAt" = CURRENT_TIMESTAMP WHERE "email" = '${disabled.user.email}'`);
    expect((await check(disabled.token)).result).toBeNull();
    expect(await db.session.count({ where: { userId: disabled.user.id } })).toBe(0);
  });

  it("still ends a cached session past its idle expiry: deleted and recorded, as without the cache", async () => {
    const { db, signedIn, check } = await load();
    const { user, token } = await signedIn();
    await check(token);
    later(MAX_AGE + 1); // past the idle expiry, well within the TTL
    const ended = await check(token);
    expect(ended.result).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    // Outside a request, recordActivity writes in the background (lib/activity/record.ts): wait for it,
    // on the real clock (the faked Date stands still).
    vi.useRealTimers();
    await expect.poll(() => db.activityEvent.count({ where: { type: "session.expired", userId: user.id } })).toBe(1);
  });

  it("slides a cached session when due, keeps the entry (and the others) cached, and stores the new expiry", async () => {
    const { db, signedIn, check, cache } = await load();
    const sliding = await signedIn();
    const other = await signedIn();
    const before = await check(sliding.token);
    await check(other.token);
    later(UPDATE_AGE + 1);
    const slid = await check(sliding.token);
    expect(slid.result?.slid).toBe(true);
    // The UPDATE and no SELECT (Prisma sends PostgreSQL's implicit transaction's COMMIT as a statement).
    expect(slid.statements).toBe(database.provider === "postgresql" ? 2 : 1);
    const newExpiry = slid.result?.session.expires.getTime() ?? 0;
    expect(newExpiry).toBeGreaterThan(before.result?.session.expires.getTime() ?? Infinity);
    const stored = await db.session.findUniqueOrThrow({ where: { sessionToken: sliding.hash } });
    expect(stored.expires.getTime()).toBe(newExpiry);
    if (database.provider === "postgresql") {
      // This instance's own slide comes back through NOTIFY: a marker written after it arrives later.
      const marker = await signedIn();
      await check(marker.token);
      // From another connection: this instance's own write would empty its cache by itself.
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      await other.query(`UPDATE "User" SET "name" = 'marker' WHERE "id" = $1`, [marker.user.id]).finally(() => other.end());
      await expect.poll(() => cache.isSessionCached(marker.hash), { timeout: 5_000, interval: 10 }).toBe(false);
    }
    const again = await check(sliding.token);
    expect(again.statements).toBe(0);
    expect(again.result?.slid).toBe(false);
    expect(again.result?.session.expires.getTime()).toBe(newExpiry);
    expect(cache.isSessionCached(other.hash)).toBe(true);
  });

  it("does not store a row read before an invalidation or its own slide, and keeps at most SESSION_CACHE_MAX_ENTRIES", async () => {
    const { cache } = await load();
    const row = {
      id: "s",
      userId: "u",
      expires: new Date(),
      createdAt: new Date(),
      lastSeenAt: new Date(),
      name: null,
      email: "e@example.test",
      role: "USER" as const,
      emailVerified: null,
      image: null,
      disabledAt: null,
    };
    const generation = cache.sessionCacheGeneration();
    cache.clearSessionCache(); // a revocation while the read was on its way
    cache.storeCachedSession("raced", row, generation);
    expect(cache.isSessionCached("raced")).toBe(false);
    // Nor one read while this instance slid a session: it may hold the expiry from before the slide.
    const beforeSlide = cache.sessionCacheGeneration();
    await cache.asCacheWrite(async () => undefined);
    cache.storeCachedSession("slid meanwhile", row, beforeSlide);
    expect(cache.isSessionCached("slid meanwhile")).toBe(false);

    const fresh = cache.sessionCacheGeneration();
    for (let i = 0; i <= cache.SESSION_CACHE_MAX_ENTRIES; i++) cache.storeCachedSession(`h${i}`, row, fresh);
    expect(cache.sessionCacheSize()).toBe(cache.SESSION_CACHE_MAX_ENTRIES);
    expect(cache.isSessionCached("h0")).toBe(false);
    expect(cache.isSessionCached(`h${cache.SESSION_CACHE_MAX_ENTRIES}`)).toBe(true);
    cache.clearSessionCache();
  });

  it("counts only UPDATE, DELETE and upserts naming Session or User as changes", async () => {
    const { cache } = await load();
    expect(cache.changesSessionRows("UPDATE `main`.`User` SET `role` = ? WHERE `main`.`User`.`id` = ?")).toBe(true);
    expect(cache.changesSessionRows(`UPDATE "User" SET "role" = 'ADMIN'`)).toBe(true);
    expect(cache.changesSessionRows(`DELETE FROM "public"."Session" WHERE "id" IN ($1)`)).toBe(true);
    expect(cache.changesSessionRows(`INSERT INTO "User" ("id") VALUES (?) ON CONFLICT ("id") DO UPDATE SET "name" = ?`)).toBe(true);
    expect(cache.changesSessionRows(`INSERT INTO "main"."Session" ("id") VALUES (?) RETURNING "id"`)).toBe(false);
    expect(cache.changesSessionRows(`SELECT s."id" FROM "Session" s JOIN "User" u ON u."id" = s."userId"`)).toBe(false);
    expect(cache.changesSessionRows(`UPDATE "main"."ActivityEvent" SET "path" = ?`)).toBe(false);
  });

  // A write from another connection: PostgreSQL announces it to every instance (NOTIFY); on SQLite nothing
  // does, and the TTL is the bound. One test, each database asserting its own half.
  it("sees another connection's write: at once through NOTIFY on PostgreSQL, within the TTL and not before on SQLite", async () => {
    if (database.provider === "postgresql") {
      const { signedIn, check, cache } = await load();
      const { user, token, hash } = await signedIn();
      await check(token);
      expect(cache.isSessionCached(hash)).toBe(true);
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      try {
        await other.query(`UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = $1`, [user.id]);
      } finally {
        await other.end();
      }
      await expect.poll(() => cache.isSessionCached(hash), { timeout: 5_000, interval: 5 }).toBe(false);
      expect((await check(token)).result?.user.role).toBe("ADMIN");
      return;
    }
    vi.resetModules();
    vi.stubEnv("AUTH_SESSION_CACHE_TTL_MS", "5000"); // shorter than the idle expiry, which `later` must not reach
    const { signedIn, check } = await load();
    const { user, token } = await signedIn();
    expect((await check(token)).result?.user.role).toBe("USER");
    const other = createClient({ url: database.url });
    await other.execute({ sql: `UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = ?`, args: [user.id] });
    other.close();
    expect((await check(token)).result?.user.role).toBe("USER"); // stale, within the TTL
    later(4);
    expect((await check(token)).result?.user.role).toBe("USER");
    later(5);
    expect((await check(token)).result?.user.role).toBe("ADMIN");
    vi.stubEnv("AUTH_SESSION_CACHE_TTL_MS", String(TTL_MS));
  });
});

describe("AUTH_SESSION_CACHE_TTL_MS=0", () => {
  it("turns the cache off: every check reads the database", async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SESSION_CACHE_TTL_MS", "0");
    const { signedIn, check, cache } = await load();
    cache.clearSessionCache();
    const { token } = await signedIn();
    expect((await check(token)).statements).toBe(1);
    expect((await check(token)).statements).toBe(1);
    expect(cache.sessionCacheSize()).toBe(0);
    vi.stubEnv("AUTH_SESSION_CACHE_TTL_MS", String(TTL_MS));
  });
});
