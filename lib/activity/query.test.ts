import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// The activity pages' query against a real database (SQLite, and PostgreSQL in the `postgresql` test project): newest first, 25 a page, filters.
const database = temporaryDatabase("activity-query");

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

describe("listActivity", () => {
  it("pages newest first, clamps a page past the end, and filters by user, email and type", async () => {
    const { getDb } = await import("@/lib/db");
    const db = getDb();
    const ada = await db.user.create({ data: { email: "ada@example.test" } });
    const bob = await db.user.create({ data: { email: "bob@example.test" } });
    const start = Date.UTC(2026, 0, 1);
    await db.activityEvent.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        type: i % 10 === 0 ? "signout" : "page.view",
        userId: ada.id,
        path: `/p${i}`,
        createdAt: new Date(start + i * 1000),
      })),
    });
    await db.activityEvent.create({ data: { type: "signout", userId: bob.id } });
    const { listActivity } = await import("./query");

    const first = await listActivity({ page: 1, userId: ada.id });
    expect(first).toMatchObject({ page: 1, pages: 2, total: 30 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]?.path).toBe("/p29");
    expect(first.rows.map((row) => row.createdAt.getTime())).toEqual(
      [...first.rows.map((row) => row.createdAt.getTime())].sort((a, b) => b - a),
    );
    const second = await listActivity({ page: 2, userId: ada.id });
    expect(second.rows.map((row) => row.path)).toEqual(["/p4", "/p3", "/p2", "/p1", "/p0"]);
    expect((await listActivity({ page: 99, userId: ada.id })).page).toBe(2);

    expect((await listActivity({ page: 1, userId: ada.id, type: "signout" })).total).toBe(3);
    const bobs = await listActivity({ page: 1, user: "bob@" });
    expect(bobs.rows.map((row) => [row.type, row.user?.email])).toEqual([["signout", "bob@example.test"]]);
  });
});
