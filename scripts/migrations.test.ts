import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { PRISMA_PATHS } from "@/lib/database-url";
import { migrateAdapter } from "@/lib/db-migrate-adapter";
import { testDatabaseProvider } from "@/lib/testing/database";
import { createDatabase, dropDatabase, testDatabaseName, testDatabaseUrl } from "@/lib/testing/postgres";
import { readDerivedSchema } from "./lib/schemas.mjs";

// The drift check: each provider's committed migration history must produce exactly the schema
// (prisma/schema.prisma, and prisma/postgresql/schema.prisma derived from it). Runs in both Vitest
// projects, each checking its own provider. A forgotten `npm run db:migration:new` fails here.
const provider = testDatabaseProvider();
const paths = PRISMA_PATHS[provider];
const work = mkdtempSync(join(tmpdir(), "auth-modes-drift-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `migrate diff` checks that engine files exist, then uses the WebAssembly engine: any file will do. */
function prisma(args: string[], databaseUrl: string) {
  return spawnSync(join("node_modules", ".bin", "prisma"), args, {
    encoding: "utf8",
    timeout: 90_000,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    },
  });
}

const migrationFolders = () =>
  readdirSync(paths.migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe(`${provider} migrations`, { timeout: 120_000 }, () => {
  it("the PostgreSQL schema is the one derived from prisma/schema.prisma (run `npm run db:generate` after editing it)", () => {
    expect(readFileSync(PRISMA_PATHS.postgresql.schema, "utf8")).toBe(readDerivedSchema());
  });

  if (provider === "postgresql") {
    // adapter-pg supports `migrate diff --from-migrations`: it replays the history in a shadow database
    // made next to the one DATABASE_URL names (lib/db-migrate-adapter.ts) and compares the result.
    const diff = async (migrations: string) => {
      const name = testDatabaseName("drift");
      await createDatabase(name);
      try {
        return prisma(
          ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", paths.schema, "--exit-code"],
          testDatabaseUrl(name),
        );
      } finally {
        await dropDatabase(name);
      }
    };

    it("the committed history produces exactly the schema", async () => {
      const result = await diff(paths.migrations);
      expect(result.stderr).not.toMatch(/Error/);
      expect(result.stdout).toContain("No difference detected");
      expect(result.status).toBe(0);
    });

    it("a history missing its latest migration is reported as drift (the check can fail)", async () => {
      const partial = join(work, "partial");
      cpSync(paths.migrations, partial, { recursive: true });
      // The latest one that changes tables: Prisma's schema does not describe triggers (the session cache's).
      const tableChanges = migrationFolders().filter((folder) =>
        /\b(CREATE|ALTER|DROP) TABLE\b/.test(readFileSync(join(paths.migrations, folder, "migration.sql"), "utf8")),
      );
      rmSync(join(partial, tableChanges.at(-1) ?? ""), { recursive: true });
      const result = await diff(partial);
      expect(result.status).toBe(2);
    });

    it("a migration applies whole or not at all: a statement failing halfway leaves nothing behind", async () => {
      const name = testDatabaseName("atomic");
      await createDatabase(name);
      const adapter = await migrateAdapter("postgresql", testDatabaseUrl(name)).connect();
      try {
        const tables = async () =>
          (
            await adapter.queryRaw({
              sql: `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
              args: [],
              argTypes: [],
            })
          ).rows.flat();
        // What the migrate adapter runs `prisma migrate deploy`'s scripts with: the second statement fails.
        await expect(adapter.executeScript(`CREATE TABLE "Applied" (id int); CREATE TABLE "Applied" (id int);`)).rejects.toThrow();
        expect(await tables()).toEqual([]);
        // A whole script applies, `;` inside a literal included (adapter-pg alone would split it there).
        await adapter.executeScript(`CREATE TABLE "Applied" (note text DEFAULT 'one; two'); CREATE TABLE "Second" (id int);`);
        expect(await tables()).toEqual(["Applied", "Second"]);
      } finally {
        await adapter.dispose();
        await dropDatabase(name);
      }
    });
  } else {
    // adapter-libsql's shadow database is `:memory:`, where each new connection is another database, so
    // `--from-migrations` loses statements. Instead: replay the history into one file, build another
    // from the schema, and compare what SQLite reports about both.
    async function describeDatabase(client: Client) {
      const tables = await client.execute(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      );
      const shape: Record<string, unknown> = {};
      for (const { name } of tables.rows) {
        const table = String(name);
        const indexes = await client.execute(`PRAGMA index_list("${table}")`);
        shape[table] = {
          columns: (await client.execute(`PRAGMA table_info("${table}")`)).rows.map((row) => [
            row.name,
            row.type,
            row.notnull,
            row.dflt_value,
            row.pk,
          ]),
          foreignKeys: (await client.execute(`PRAGMA foreign_key_list("${table}")`)).rows.map((row) => [
            row.table,
            row.from,
            row.to,
            row.on_update,
            row.on_delete,
          ]),
          indexes: await Promise.all(
            indexes.rows
              .map((row) => ({ name: String(row.name), unique: row.unique, origin: row.origin }))
              .sort((a, b) => a.name.localeCompare(b.name))
              .map(async (index) => [
                index.name,
                index.unique,
                index.origin,
                (await client.execute(`PRAGMA index_info("${index.name}")`)).rows.map((row) => row.name),
              ]),
          ),
        };
      }
      return shape;
    }

    async function replay(folders: string[]) {
      const client = createClient({ url: `file:${join(work, `history-${folders.length}.db`)}` });
      for (const folder of folders) await client.executeMultiple(readFileSync(join(paths.migrations, folder, "migration.sql"), "utf8"));
      return client;
    }

    let built: Promise<Client> | undefined;
    const fromSchema = () => (built ??= buildFromSchema());
    async function buildFromSchema() {
      const url = `file:${join(work, "schema.db")}`;
      const result = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", paths.schema, "--script"], url);
      expect(result.status, result.stderr).toBe(0);
      const client = createClient({ url });
      await client.executeMultiple(result.stdout);
      return client;
    }

    it("the committed history produces exactly the schema", async () => {
      const expected = await describeDatabase(await fromSchema());
      expect(Object.keys(expected).length).toBeGreaterThan(5);
      expect(await describeDatabase(await replay(migrationFolders()))).toEqual(expected);
    });

    it("a history missing its latest migration is reported as drift (the check can fail)", async () => {
      const expected = await describeDatabase(await fromSchema());
      expect(await describeDatabase(await replay(migrationFolders().slice(0, -1)))).not.toEqual(expected);
    });
  }
});
