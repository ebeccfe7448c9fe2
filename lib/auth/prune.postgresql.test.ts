import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// PostgreSQL only: a prune and the read path deleting the same dead session. The prune's lock keeps
// other prunes out, not the read path (expireSessionRow deletes a dead session it meets and records
// it); on SQLite the prune's transaction holds the write lock from its first statement, so nothing can
// delete in between there.
const database = temporaryDatabase("prune-race", { AUTH_SESSION_MAX_AGE: "60", AUTH_SESSION_UPDATE_AGE: "10" }, "postgresql");

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

async function waitForLockWait(client: pg.Client, deadline = Date.now() + 10_000): Promise<void> {
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'DELETE FROM %Session%'`,
    );
    if (rows[0]?.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the prune's DELETE never waited on the row lock");
}

describe("pruneExpiredSessions beside the read path", () => {
  it("records only the sessions its own DELETE removed, not one another connection deleted after its SELECT", async () => {
    const { getDb } = await import("@/lib/db");
    const { sessionRefOf } = await import("@/lib/activity/session-ref");
    const db = getDb();
    const user = await db.user.create({ data: { email: "prune-beside@example.test" } });
    const now = Date.now();
    const hashes = ["beside-0", "beside-1", "beside-2"];
    await db.session.createMany({
      data: hashes.map((sessionToken) => ({
        sessionToken,
        userId: user.id,
        expires: new Date(now - 1_000),
        createdAt: new Date(now - 10_000),
      })),
    });
    const other = new pg.Client({ connectionString: database.url });
    const watcher = new pg.Client({ connectionString: database.url });
    await other.connect();
    await watcher.connect();
    try {
      // Another connection (a request's expireSessionRow) deletes one of them, not yet committed: the
      // prune's SELECT still sees it, and its DELETE waits for that row's lock.
      await other.query("BEGIN");
      await other.query(`DELETE FROM "Session" WHERE "sessionToken" = $1`, ["beside-1"]);
      const { pruneExpiredSessions } = await import("./prune");
      const pruning = pruneExpiredSessions(new Date(now));
      await waitForLockWait(watcher);
      await other.query("COMMIT");
      expect(await pruning).toEqual({ idle: 2, absolute: 0 });
    } finally {
      await other.end();
      await watcher.end();
    }
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const events = await db.activityEvent.findMany({ where: { type: "session.expired", userId: user.id } });
    expect(events.map((event) => event.sessionRef).sort()).toEqual([sessionRefOf("beside-0"), sessionRefOf("beside-2")].sort());
  });
});
