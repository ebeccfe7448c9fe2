import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// The per-request statement counter that /inspect shows (lib/db-statements.ts, fed by lib/db.ts's
// drivers), on both databases: it counts what the measured work sends, and only that.
const database = temporaryDatabase("db-statements");

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

describe("countStatements", () => {
  it("counts the statements the measured work sends, none outside it, and not a concurrent request's", async () => {
    const { getDb } = await import("./db");
    const { countStatements } = await import("./db-statements");
    const db = getDb();
    await db.user.create({ data: { email: "counted@example.test" } });

    const none = await countStatements(async () => "no database");
    expect(none).toMatchObject({ result: "no database", statements: 0 });

    const one = await countStatements(() => db.$queryRaw`SELECT 1`);
    expect(one.statements).toBe(1);
    expect(one.milliseconds).toBeGreaterThan(0);

    const two = await countStatements(async () => {
      await db.user.findUnique({ where: { email: "counted@example.test" } });
      return db.user.count();
    });
    expect(two).toMatchObject({ result: 1, statements: 2 });

    // A request running at the same time is not counted in this one's measurement.
    const [measured] = await Promise.all([countStatements(() => db.$queryRaw`SELECT 1`), db.$queryRaw`SELECT 2`, db.$queryRaw`SELECT 3`]);
    expect(measured.statements).toBe(1);
  }, 20_000);
});
