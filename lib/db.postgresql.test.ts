import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import { startRelay, type Relay } from "@/lib/testing/tcp-relay";

// PostgreSQL only (the `postgresql` test project): the app's connections go through a TCP relay this
// test controls, which it cuts: every open connection drops and new ones fail, as when the server or
// the network path goes away. The app must fail closed and come back by itself once the path is back.
const database = temporaryDatabase(
  "outage",
  { DATABASE_CONNECT_TIMEOUT_MS: "1000", DATABASE_STATEMENT_TIMEOUT_MS: "1000", DATABASE_POOL_SIZE: "3" },
  "postgresql",
);
let relay: Relay;

beforeAll(async () => {
  await database.setup();
  const direct = new URL(database.url);
  relay = await startRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
  const relayed = new URL(database.url);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(relay.port);
  vi.stubEnv("DATABASE_URL", relayed.toString());
}, 60_000);

afterAll(async () => {
  await database.teardown();
  await relay.close();
});

describe("a lost PostgreSQL connection", () => {
  it("marks the database down at the first failed query, stays closed while it is gone, and recovers by itself", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { assertDatabaseFileInPlace, getDb, probeDatabase } = await import("./db");
    const { databaseAvailable, isDatabaseMarkedDown, PROBE_INTERVAL_MS, resetDatabaseHealth } = await import("./db-health");
    resetDatabaseHealth();
    const db = getDb();
    await db.user.create({ data: { email: "before-the-cut@example.test" } });
    expect(await databaseAvailable(assertDatabaseFileInPlace, probeDatabase)).toBe(true);

    relay.cut();
    await expect(db.user.count()).rejects.toThrow();
    expect(isDatabaseMarkedDown()).toBe(true);
    const later = (intervals: number) => Date.now() + intervals * PROBE_INTERVAL_MS;
    // Fail closed: while it is down, every check says unavailable, and the probe finds it still gone.
    expect(await databaseAvailable(assertDatabaseFileInPlace, probeDatabase, later(1))).toBe(false);
    await expect(db.user.create({ data: { email: "during-the-cut@example.test" } })).rejects.toThrow();
    expect(await databaseAvailable(assertDatabaseFileInPlace, probeDatabase, later(2))).toBe(false);

    relay.restore();
    expect(await databaseAvailable(assertDatabaseFileInPlace, probeDatabase, later(3))).toBe(true);
    expect(isDatabaseMarkedDown()).toBe(false);
    // The same client, no restart: the pool opened new connections.
    expect(await db.user.findMany({ select: { email: true } })).toEqual([{ email: "before-the-cut@example.test" }]);
  }, 60_000);
});

describe("the pool settings", () => {
  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS, and does not take that for an outage", async () => {
    const { getDb } = await import("./db");
    const { isDatabaseMarkedDown, resetDatabaseHealth } = await import("./db-health");
    resetDatabaseHealth();
    expect(await getDb().$queryRawUnsafe<{ statement_timeout: string }[]>("SHOW statement_timeout")).toEqual([{ statement_timeout: "1s" }]);
    await expect(getDb().$executeRawUnsafe("SELECT pg_sleep(3)")).rejects.toThrow(/statement timeout/);
    expect(isDatabaseMarkedDown()).toBe(false);
  });

  it("opens at most DATABASE_POOL_SIZE connections however many queries run at once", async () => {
    const { getDb } = await import("./db");
    const db = getDb();
    await Promise.all(Array.from({ length: 12 }, () => db.$executeRawUnsafe("SELECT pg_sleep(0.1)")));
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'auth-modes'",
    );
    expect(row?.n).toBeGreaterThan(0);
    expect(row?.n).toBeLessThanOrEqual(3);
  });
});

describe("text PostgreSQL cannot hold", () => {
  it("looks up a value with U+0000 (a hostile form field) as one that matches nothing, instead of failing", async () => {
    const { getDb } = await import("./db");
    expect(await getDb().user.findUnique({ where: { id: "a\u0000b" } })).toBeNull();
    expect(await getDb().$executeRaw`UPDATE "User" SET "name" = 'x' WHERE "email" = ${"a\u0000b"}`).toBe(0);
  });
});
