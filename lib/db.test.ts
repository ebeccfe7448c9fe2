import { copyFileSync, renameSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

const database = temporaryDatabase("db-file", {}, "sqlite");
const path = database.url.slice("file:".length);

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

describe("the database file check", () => {
  it("notices the file moved away, passes again once it is back, and reopens a file put in its place", async () => {
    const { assertDatabaseFileInPlace, getDb, probeDatabase, sqliteReadClient } = await import("./db");
    await getDb().user.create({ data: { email: "before@example.test" } });
    expect(() => assertDatabaseFileInPlace()).not.toThrow();

    renameSync(path, `${path}.away`);
    expect(() => assertDatabaseFileInPlace()).toThrow(/missing/);
    await expect(probeDatabase()).rejects.toThrow(/missing/);
    renameSync(`${path}.away`, path);
    expect(() => assertDatabaseFileInPlace()).not.toThrow();
    await probeDatabase();

    // A restored backup: another file at the same path. The check says so; the probe opens the new file.
    await getDb().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    copyFileSync(path, `${path}.backup`);
    await getDb().user.create({ data: { email: "after-backup@example.test" } });
    renameSync(`${path}.backup`, path);
    expect(() => assertDatabaseFileInPlace()).toThrow(/replaced/);
    await probeDatabase();
    expect(() => assertDatabaseFileInPlace()).not.toThrow();
    expect(await getDb().user.count({ where: { email: "after-backup@example.test" } })).toBe(0);
    expect(await getDb().user.count({ where: { email: "before@example.test" } })).toBe(1);
    // The session lookup's direct client (sqliteReadClient) is the new file's too, not the old one's.
    const raw = sqliteReadClient();
    expect(raw).not.toBeNull();
    const emails = await raw?.execute(`SELECT "email" FROM "User" ORDER BY "email"`);
    expect(emails?.rows.map((row) => row.email)).toEqual(["before@example.test"]);
  });
});

describe("sqliteDate (DateTime columns read without Prisma)", () => {
  it("reads what Prisma writes, CURRENT_TIMESTAMP's UTC text and milliseconds, and refuses anything else", async () => {
    const { sqliteDate } = await import("./db");
    expect(sqliteDate("2026-12-02T08:01:00.673+00:00").toISOString()).toBe("2026-12-02T08:01:00.673Z");
    expect(sqliteDate("2026-12-02T09:01:00.673+01:00").toISOString()).toBe("2026-12-02T08:01:00.673Z");
    expect(sqliteDate("2026-12-02 08:01:00").toISOString()).toBe("2026-12-02T08:01:00.000Z");
    expect(sqliteDate(1_764_662_460_673).toISOString()).toBe("2025-12-02T08:01:00.673Z");
    for (const value of ["2026-12-02", "tomorrow", "", null, undefined, "2026-13-45T99:99:99Z", {}])
      expect(() => sqliteDate(value)).toThrow();
  });
});
