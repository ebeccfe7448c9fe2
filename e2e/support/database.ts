import { createClient } from "@libsql/client";
import pg from "pg";

/**
 * The project's database, opened by the tests for assertions about what the server stored (and a few
 * direct changes): the SQLite file of a `file:` URL, or the PostgreSQL database of a postgresql:// URL.
 * One small API over both: `?` placeholders, rows as plain objects keyed by the (quoted) column names.
 */
export type E2eDatabase = {
  provider: "sqlite" | "postgresql";
  execute(statement: string | { sql: string; args: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
};

const TIMESTAMP = 1114;

export async function openDatabase(url: string): Promise<E2eDatabase> {
  if (url.startsWith("file:")) {
    const client = createClient({ url });
    // The server writes while tests read: wait for its lock instead of failing with SQLITE_BUSY.
    await client.execute("PRAGMA busy_timeout = 5000");
    return {
      provider: "sqlite",
      async execute(statement) {
        const result = await client.execute(
          typeof statement === "string" ? statement : { sql: statement.sql, args: statement.args as never[] },
        );
        return { rows: result.rows.map((row) => ({ ...row })) };
      },
      async close() {
        client.close();
      },
    };
  }
  // Timestamps stay text, as SQLite's do; counts (bigint) arrive as text and are read with Number().
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  client.on("error", () => undefined); // a dropped connection fails the query in progress instead
  await client.connect();
  return {
    provider: "postgresql",
    async execute(statement) {
      const { sql, args } = typeof statement === "string" ? { sql: statement, args: [] } : statement;
      let n = 0;
      // As lib/db.ts does: PostgreSQL text cannot hold U+0000, so such a value is looked up as U+FFFD.
      const values = args.map((arg) => (typeof arg === "string" ? arg.replaceAll("\u0000", "\uFFFD") : arg));
      const result = await client.query(
        sql.replace(/\?/g, () => `$${(n += 1)}`),
        values,
      );
      return { rows: result.rows as Record<string, unknown>[] };
    },
    async close() {
      await client.end();
    },
  };
}

/** The URL's PostgreSQL server and database name. */
function postgresParts(url: string) {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = "/postgres";
  return { admin: parsed.toString(), name, quoted: `"${name.replace(/"/g, '""')}"` };
}

async function withAdmin<T>(url: string, work: (client: pg.Client, parts: ReturnType<typeof postgresParts>) => Promise<T>): Promise<T> {
  const parts = postgresParts(url);
  const client = new pg.Client({ connectionString: parts.admin });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client, parts);
  } finally {
    await client.end();
  }
}

/** Drops and creates the database of a postgresql:// URL (an e2e server's, before it starts). */
export async function resetPostgresDatabase(url: string): Promise<void> {
  await withAdmin(url, async (client, { quoted }) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  });
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  await withAdmin(url, (client, { quoted }) => client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`));
}

/**
 * A PostgreSQL outage for one database: new connections are refused and every open one is ended
 * (pg_terminate_backend), as when the server goes away. Returns what brings it back.
 */
export async function cutPostgresDatabase(url: string): Promise<() => Promise<void>> {
  await withAdmin(url, async (client, { name, quoted }) => {
    await client.query(`ALTER DATABASE ${quoted} WITH ALLOW_CONNECTIONS false`);
    await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  });
  return () =>
    withAdmin(url, async (client, { quoted }) => void (await client.query(`ALTER DATABASE ${quoted} WITH ALLOW_CONNECTIONS true`)));
}
