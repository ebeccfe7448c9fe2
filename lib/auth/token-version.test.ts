import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// jwt `version` mode's one read per request (lib/auth/token-version.ts), on both databases: what it
// returns, how many statements it sends, and that a bump made anywhere ends the old version — at once
// on SQLite (never cached there), through NOTIFY on PostgreSQL (cached while the listener is connected).
const database = temporaryDatabase("token-version", { AUTH_SESSION_CACHE_TTL_MS: "60000" });

beforeAll(() => database.setup(), 60_000);
afterAll(async () => {
  const { stopSessionCacheListener } = await import("./session-cache-listener");
  await stopSessionCacheListener();
  await database.teardown();
});

/** A write from another connection, as another process (`npm run admin`, another instance) makes it. */
async function foreignWrite(sql: string, args: string[]): Promise<void> {
  if (database.provider === "postgresql") {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        sql.replaceAll("?", (_, offset: number) => `$${sql.slice(0, offset).split("?").length}`),
        args,
      );
    } finally {
      await client.end();
    }
    return;
  }
  const client = createClient({ url: database.url });
  try {
    await client.execute({ sql, args });
  } finally {
    client.close();
  }
}

describe("findActiveUserVersion", () => {
  it("returns the user's claims and version, and null for a disabled or missing user", async () => {
    const { getDb } = await import("@/lib/db");
    const { findActiveUserVersion } = await import("./token-version");
    const user = await getDb().user.create({ data: { email: "claims@example.test", name: "Claims", role: "ADMIN", tokenVersion: 3 } });
    expect(await findActiveUserVersion(user.id)).toEqual({
      id: user.id,
      name: "Claims",
      email: "claims@example.test",
      role: "ADMIN",
      tokenVersion: 3,
    });
    const nameless = await getDb().user.create({ data: { email: "nameless@example.test" } });
    expect(await findActiveUserVersion(nameless.id)).toMatchObject({ name: null, role: "USER", tokenVersion: 0 });
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await findActiveUserVersion(user.id)).toBeNull();
    expect(await findActiveUserVersion("no-such-user")).toBeNull();
  });

  it("sees another connection's bump and disabling: on the next read on SQLite, through NOTIFY on PostgreSQL", async () => {
    const { getDb } = await import("@/lib/db");
    const { countStatements } = await import("@/lib/db-statements");
    const { startSessionCacheListener } = await import("./session-cache-listener");
    const { findActiveUserVersion } = await import("./token-version");
    const postgres = database.provider === "postgresql";
    if (postgres) expect(await startSessionCacheListener()).toBe(true);
    const user = await getDb().user.create({ data: { email: "foreign@example.test" } });
    const read = async () => {
      const { result, statements } = await countStatements(() => findActiveUserVersion(user.id));
      return { version: result?.tokenVersion ?? null, statements };
    };

    expect(await read()).toEqual({ version: 0, statements: 1 });
    // PostgreSQL keeps the row (0 statements); SQLite reads it every time.
    expect(await read()).toEqual({ version: 0, statements: postgres ? 0 : 1 });

    await foreignWrite(`UPDATE "User" SET "tokenVersion" = "tokenVersion" + 1 WHERE "id" = ?`, [user.id]);
    if (postgres) await expect.poll(async () => (await read()).version, { timeout: 5_000, interval: 5 }).toBe(1);
    else expect(await read()).toEqual({ version: 1, statements: 1 });

    await foreignWrite(`UPDATE "User" SET "disabledAt" = CURRENT_TIMESTAMP WHERE "id" = ?`, [user.id]);
    if (postgres) await expect.poll(async () => (await read()).version, { timeout: 5_000, interval: 5 }).toBeNull();
    else expect(await read()).toEqual({ version: null, statements: 1 });
  }, 30_000);

  it("ends the old version on this instance's own bump at once, cache or not", async () => {
    const { getDb } = await import("@/lib/db");
    const { countStatements } = await import("@/lib/db-statements");
    const { startSessionCacheListener } = await import("./session-cache-listener");
    const { bumpTokenVersion, bumpTokenVersionFrom, findActiveUserVersion } = await import("./token-version");
    if (database.provider === "postgresql") expect(await startSessionCacheListener()).toBe(true);
    const user = await getDb().user.create({ data: { email: "own@example.test" } });
    const version = async () => (await findActiveUserVersion(user.id))?.tokenVersion ?? null;

    expect(await version()).toBe(0);
    expect(await version()).toBe(0);
    expect(await bumpTokenVersion(user.id)).toBe(true);
    expect(await version()).toBe(1);
    expect(await bumpTokenVersionFrom(user.id, 1)).toBe(2);
    // A read after the bump is one statement: the bump emptied what was kept.
    const { result, statements } = await countStatements(() => findActiveUserVersion(user.id));
    expect(result?.tokenVersion).toBe(2);
    expect(statements).toBe(1);
  }, 30_000);
});
