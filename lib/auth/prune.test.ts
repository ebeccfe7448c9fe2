import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

const database = temporaryDatabase("prune", {
  AUTH_SESSION_MAX_AGE: "60",
  AUTH_SESSION_UPDATE_AGE: "10",
  AUTH_SESSION_ABSOLUTE_MAX_AGE: "300",
});

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

describe("pruneExpiredSessions", () => {
  it("removes sessions past their idle expiry or absolute lifetime, keeps live ones, and records each", async () => {
    const { getDb } = await import("@/lib/db");
    const db = getDb();
    const user = await db.user.create({ data: { email: "prune@example.test" } });
    const now = Date.now();
    const row = (name: string, expires: number, created: number) => ({
      sessionToken: `hash-${name}`,
      userId: user.id,
      expires: new Date(expires),
      createdAt: new Date(created),
      lastSeenAt: new Date(created),
    });
    await db.session.createMany({
      data: [
        row("live", now + 30_000, now - 10_000),
        row("idle", now - 1_000, now - 100_000),
        row("absolute", now + 30_000, now - 301_000),
      ],
    });
    const { pruneExpiredSessions } = await import("./prune");
    expect(await pruneExpiredSessions(new Date(now))).toEqual({ idle: 1, absolute: 1 });
    expect((await db.session.findMany({ select: { sessionToken: true } })).map((s) => s.sessionToken)).toEqual(["hash-live"]);
    const events = await db.activityEvent.findMany({ where: { type: "session.expired", userId: user.id } });
    expect(events.map((e) => JSON.parse(e.detail ?? "{}").reason).sort()).toEqual(["absolute", "idle"]);
    expect(events.every((e) => e.sessionRef && !e.sessionRef.startsWith("hash-"))).toBe(true);
    expect(await pruneExpiredSessions(new Date(now))).toEqual({ idle: 0, absolute: 0 });
  });
});

describe("pruneExpiredSessions on several instances at once", () => {
  it("deletes and records each expired session once, however many prunes run together", async () => {
    const { getDb } = await import("@/lib/db");
    const db = getDb();
    const user = await db.user.create({ data: { email: "prune-race@example.test" } });
    const now = Date.now();
    await db.session.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        sessionToken: `race-${i}`,
        userId: user.id,
        expires: new Date(now - 1_000),
        createdAt: new Date(now - 10_000),
      })),
    });
    const { pruneExpiredSessions } = await import("./prune");
    const results = await Promise.all([1, 2, 3, 4].map(() => pruneExpiredSessions(new Date(now))));
    expect(results.reduce((sum, result) => sum + result.idle + result.absolute, 0)).toBe(40);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.activityEvent.count({ where: { type: "session.expired", userId: user.id } })).toBe(40);
  });
});

describe("pruneExpiredSessionsSometimes", () => {
  it("prunes in the background at most once per interval", async () => {
    const { getDb } = await import("@/lib/db");
    const db = getDb();
    const user = await db.user.create({ data: { email: "sometimes@example.test" } });
    const expired = (name: string) => ({ sessionToken: `hash-${name}`, userId: user.id, expires: new Date(Date.now() - 1_000) });
    const { PRUNE_INTERVAL_MS, pruneExpiredSessionsSometimes } = await import("./prune");
    const left = async () =>
      (await db.session.findMany({ where: { userId: user.id }, select: { sessionToken: true } })).map((s) => s.sessionToken);

    // The clock is the argument: each call says what time it is, so "too soon" needs no waiting.
    await db.session.create({ data: expired("first") });
    const now = Date.now() + 10 * PRUNE_INTERVAL_MS;
    const first = pruneExpiredSessionsSometimes(now);
    expect(first, "the first call starts a prune").not.toBeNull();
    await first;
    expect(await left()).toEqual([]);

    await db.session.create({ data: expired("second") });
    expect(pruneExpiredSessionsSometimes(now + PRUNE_INTERVAL_MS - 1), "too soon: no prune started").toBeNull();
    expect(await left()).toEqual(["hash-second"]);
    const later = pruneExpiredSessionsSometimes(now + PRUNE_INTERVAL_MS);
    expect(later, "an interval later, a prune starts").not.toBeNull();
    await later;
    expect(await left()).toEqual([]);
  });
});
