import { copyFileSync, renameSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

const database = temporaryDatabase("db-file", {}, "sqlite");
const path = database.url.slice("file:".length);

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

describe("the database file check", () => {
  it("notices the file moved away, passes again once it is back, and reopens a file put in its place", async () => {
    const { assertDatabaseFileInPlace, getDb, probeDatabase } = await import("./db");
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
  });
});
