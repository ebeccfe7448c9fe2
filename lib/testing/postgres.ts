import { randomBytes } from "node:crypto";
import pg from "pg";

// PostgreSQL for tests: the server at TEST_POSTGRES_URL (default: the local one every machine and CI
// has, trust auth). Every database a test run makes is named TEST_DATABASE_PREFIX_<purpose>_<random>,
// and dropped by the run that made it: nothing else on the server is touched.

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
const PREFIX = (process.env.TEST_DATABASE_PREFIX?.trim() || "auth_modes_test").toLowerCase();

if (!/^[a-z_][a-z0-9_]{0,30}$/.test(PREFIX))
  throw new Error(`TEST_DATABASE_PREFIX must be a lower-case SQL name of at most 31 characters (got "${PREFIX}")`);

/** A fresh name under this run's prefix (at most 63 characters, PostgreSQL's limit). */
export function testDatabaseName(purpose: string): string {
  const slug = purpose
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 16);
  return `${PREFIX}_${slug}_${randomBytes(5).toString("hex")}`;
}

/** The URL of `database` on the test server. */
export function testDatabaseUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` with a connection to the server's maintenance database (to create and drop databases). */
export async function withAdminConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined); // a broken connection fails the query in progress instead
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(TEST_POSTGRES_URL);
    const reason =
      error instanceof Error ? ("code" in error && typeof error.code === "string" && error.code) || error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${hostname}:${port || 5432} (${reason}): start it (e.g. \`sudo service postgresql start\`) or point TEST_POSTGRES_URL at one; the tests that run on both databases need it`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createDatabase(name: string, template?: string): Promise<void> {
  await withAdminConnection((client) => client.query(`CREATE DATABASE ${quoted(name)}${template ? ` TEMPLATE ${quoted(template)}` : ""}`));
}

/** Drops `name`, ending any connection still open to it. */
export async function dropDatabase(name: string): Promise<void> {
  await withAdminConnection((client) => client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
}
