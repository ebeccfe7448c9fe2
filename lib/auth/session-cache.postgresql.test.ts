import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// PostgreSQL only: the cache's invalidation listener (lib/auth/session-cache-listener.ts). While it is
// not connected, every check goes to the database; it reconnects by itself, and the cache is used again.
const database = temporaryDatabase("session-cache-listener", { AUTH_SESSION_CACHE_TTL_MS: "60000" }, "postgresql");

beforeAll(() => database.setup(), 60_000);
afterAll(async () => {
  const { stopSessionCacheListener } = await import("./session-cache-listener");
  await stopSessionCacheListener();
  await database.teardown();
});

describe("the session cache's listener", () => {
  it("bypasses the cache while the listener is lost, and uses it again once it has reconnected", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { getDb } = await import("@/lib/db");
    const { countStatements } = await import("@/lib/db-statements");
    const rows = await import("./session-rows");
    const cache = await import("./session-cache");
    const { startSessionCacheListener } = await import("./session-cache-listener");
    const db = getDb();
    const user = await db.user.create({ data: { email: "listener@example.test" } });
    const token = await rows.createSessionRow(user.id);
    const statementsOfCheck = async () => (await countStatements(() => rows.findLiveSession(token))).statements;

    expect(await startSessionCacheListener()).toBe(true);
    await statementsOfCheck();
    expect(await statementsOfCheck()).toBe(0);

    // The listener's connection ends (a server restart, a network cut, an administrator).
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows: ended } = await admin.query<{ ended: boolean }>(
        "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = 'auth-modes-session-cache' AND datname = current_database()",
      );
      expect(ended).toEqual([{ ended: true }]);
    } finally {
      await admin.end();
    }
    // From the moment it is gone until it is back, every check reads the database.
    await expect.poll(() => cache.sessionCacheUsable(true), { timeout: 5_000, interval: 5 }).toBe(false);
    expect(cache.sessionCacheSize()).toBe(0);
    expect(await statementsOfCheck()).toBe(1);
    expect(await statementsOfCheck()).toBe(1);

    await expect.poll(() => cache.sessionCacheUsable(true), { timeout: 10_000, interval: 20 }).toBe(true);
    expect(await statementsOfCheck()).toBe(1);
    expect(await statementsOfCheck()).toBe(0);
  }, 30_000);

  it("applies notifications: a user's sessions, a slide it already has, one it has not, and anything else", async () => {
    const cache = await import("./session-cache");
    const { applySessionCacheNotification } = await import("./session-cache-listener");
    const row = (userId: string, expires: number, lastSeenAt: number) => ({
      id: `s-${userId}`,
      userId,
      expires: new Date(expires),
      createdAt: new Date(0),
      lastSeenAt: new Date(lastSeenAt),
      name: null,
      email: `${userId}@example.test`,
      role: "USER" as const,
      emailVerified: null,
      image: null,
      disabledAt: null,
    });
    const fill = () => {
      cache.clearSessionCache();
      const generation = cache.sessionCacheGeneration();
      cache.storeCachedSession("a1", row("a", 1000, 500), generation);
      cache.storeCachedSession("a2", row("a", 1000, 500), generation);
      cache.storeCachedSession("b1", row("b", 1000, 500), generation);
    };
    const cached = () => ["a1", "a2", "b1"].filter((hash) => cache.isSessionCached(hash));
    fill();
    applySessionCacheNotification("user:a");
    expect(cached()).toEqual(["b1"]);
    fill();
    applySessionCacheNotification("slide:b1:1000:500");
    expect(cached()).toEqual(["a1", "a2", "b1"]);
    applySessionCacheNotification("slide:b1:2000:1500");
    expect(cached()).toEqual(["a1", "a2"]);
    applySessionCacheNotification("all");
    expect(cached()).toEqual([]);
    fill();
    applySessionCacheNotification("something new");
    expect(cached()).toEqual([]);
  });
});
