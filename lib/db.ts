import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Client, Config, Transaction } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { databaseProviderOf } from "@/lib/database-url";
import { reportDatabaseError } from "@/lib/db-health";
import { countStatement, wroteStatement } from "@/lib/db-statements";
import { env } from "@/lib/env";
import { recordingFlows, recordStatement } from "@/lib/flows/recorder";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgresql/client";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** Which file the client opened (device and inode): a file moved, deleted or replaced under it is noticed. */
type FileIdentity = { path: string; dev: number; ino: number };

// One client per process; kept on globalThis so dev-server reloads do not open new connections, and so
// proxy.ts (a separate bundle in the same process) shares it.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; databaseFile?: FileIdentity; sqliteClient?: Client };

/** The database cannot be used; lib/db-health.ts reads this as "unavailable". */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/** How long a statement waits for another process's write lock (a CLI, a test) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * libsql opens connections without a busy timeout, and hands its connection to each transaction,
 * opening a new one for what follows. Without a timeout, a write that meets another process's lock
 * fails at once, and a failure inside one of Prisma's implicit transactions leaves the client unable
 * to write again (Prisma 6.19 + adapter-libsql). So every connection gets its settings before use: the
 * current one before each transaction starts, the next one before its first statement. Besides the
 * busy timeout, `synchronous = NORMAL`, the setting SQLite recommends with WAL: a commit no longer
 * waits for an fsync (the activity trail writes on every page view), and the database cannot be
 * corrupted; a power cut may lose the last commits.
 */
function withConnectionSettings(client: Client): Client {
  const pragmas = [`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, "PRAGMA synchronous = NORMAL"];
  const { execute, transaction, batch } = client;
  let fresh = true;
  const prepare = async () => {
    if (!fresh) return;
    fresh = false;
    for (const pragma of pragmas) await execute.call(client, pragma);
  };
  return Object.assign(client, {
    execute: async (...args: Parameters<Client["execute"]>) =>
      reported(async () => {
        await prepare();
        const sql = sentStatement(args[0]);
        const result = await execute.apply(client, args);
        wroteStatement(sql);
        return result;
      }),
    batch: async (...args: Parameters<Client["batch"]>) =>
      reported(async () => {
        await prepare();
        const sqls = args[0].map(sentStatement);
        const result = await batch.apply(client, args);
        for (const sql of sqls) wroteStatement(sql);
        return result;
      }),
    transaction: async (...args: Parameters<Client["transaction"]>) =>
      reported(async () => {
        await prepare();
        const tx = await transaction.apply(client, args);
        fresh = true; // libsql opens a new connection for whatever comes next
        const { execute: txExecute, commit } = tx;
        const sent: string[] = [];
        return Object.assign(tx, {
          execute: async (...txArgs: Parameters<Transaction["execute"]>) =>
            reported(() => {
              sent.push(sentStatement(txArgs[0]));
              return txExecute.apply(tx, txArgs);
            }),
          commit: async () =>
            reported(async () => {
              await commit.call(tx);
              for (const sql of sent) wroteStatement(sql);
            }),
        } as Partial<Transaction>);
      }),
  } as Partial<Client>);
}

/**
 * Every statement the drivers send, at the layer below Prisma (so the SQLite session lookup, which skips
 * Prisma, is seen too): counted for /inspect (lib/db-statements.ts), shown to the write observers (the
 * session cache: again by the caller once it is done, or committed) and, under `npm run flows`
 * (AUTH_MODES_RECORD_FLOWS), handed to the flow recorder, which files it under the tables it touches.
 */
function sentStatement(statement: string | { sql: string }): string {
  const sql = typeof statement === "string" ? statement : statement.sql;
  countStatement();
  wroteStatement(sql);
  if (recordingFlows()) recordStatement(sql);
  return sql;
}

/** Runs a driver call, telling lib/db-health.ts about any error (it decides whether it means "down"). */
async function reported<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    reportDatabaseError(error);
    throw error;
  }
}

/** The libsql adapter with this app's connection settings and outage reporting (exported for the benchmark). */
export class SqliteAdapterFactory extends PrismaLibSQL {
  createClient(config: Config): Client {
    const client = withConnectionSettings(super.createClient(config));
    globalForPrisma.sqliteClient = client;
    return client;
  }
}

/**
 * SQLite only: the libsql client the app's Prisma client opened (with the same settings and outage
 * reporting), for the one statement on every signed-in request — the session lookup — which is sent as
 * it is instead of through Prisma's query pipeline (about two thirds of that statement's time).
 * Null until Prisma has opened it, and after the database file was replaced: callers then use Prisma.
 */
export function sqliteReadClient(): Client | null {
  return globalForPrisma.prisma ? (globalForPrisma.sqliteClient ?? null) : null;
}

/**
 * A DateTime column as SQLite holds it, read without Prisma: Prisma writes ISO 8601 text with an offset;
 * `CURRENT_TIMESTAMP` defaults write "YYYY-MM-DD HH:MM:SS" in UTC; a number is milliseconds. Anything
 * else is refused rather than guessed.
 */
export function sqliteDate(value: unknown): Date {
  let date: Date | null = null;
  if (typeof value === "number" || typeof value === "bigint") date = new Date(Number(value));
  else if (typeof value === "string") {
    const utc = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? `${value.replace(" ", "T")}Z` : value;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(utc)) date = new Date(utc);
  }
  if (!date || Number.isNaN(date.getTime())) throw new Error(`not a SQLite DateTime value: ${JSON.stringify(String(value)).slice(0, 40)}`);
  return date;
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

type PgQuery = Parameters<PgAdapter["queryRaw"]>[0];

/**
 * PostgreSQL text cannot hold U+0000 (SQLite's can): a parameter with one fails the whole statement
 * ("invalid byte sequence", a 500 for a hostile form field). Nothing stored can contain it, so it is
 * sent as U+FFFD instead: a lookup by such a value still finds nothing, and input validation refuses
 * control characters before anything is written.
 */
function withoutNul(query: PgQuery): PgQuery {
  if (!query.args.some((arg) => typeof arg === "string" && arg.includes("\u0000"))) return query;
  return { ...query, args: query.args.map((arg) => (typeof arg === "string" ? arg.replaceAll("\u0000", "\uFFFD") : arg)) };
}

/** A statement on its way to PostgreSQL: counted and observed (lib/db-statements.ts), without NUL. */
function sent(query: PgQuery): PgQuery {
  sentStatement(query.sql);
  return withoutNul(query);
}

/** Sends `query` and, once it is done, shows it to the write observers again. */
async function sendAndObserve<T>(call: (query: PgQuery) => Promise<T>, query: PgQuery): Promise<T> {
  const result = await call(sent(query));
  wroteStatement(query.sql);
  return result;
}

/** Every statement's error goes to lib/db-health.ts, inside transactions too (as for SQLite above). */
function reportingTransaction(tx: PgTransaction): PgTransaction {
  const { queryRaw, executeRaw, commit, rollback } = tx;
  const statements: string[] = [];
  const inTransaction = (query: PgQuery) => {
    statements.push(query.sql);
    return sent(query);
  };
  return Object.assign(tx, {
    queryRaw: async (query: PgQuery) => reported(() => queryRaw.call(tx, inTransaction(query))),
    executeRaw: async (query: PgQuery) => reported(() => executeRaw.call(tx, inTransaction(query))),
    commit: async () =>
      reported(async () => {
        await commit.call(tx);
        for (const sql of statements) wroteStatement(sql);
      }),
    rollback: async () => reported(() => rollback.call(tx)),
  });
}

/** The pg adapter with outage reporting; the pool (lib/db.ts's settings) reconnects by itself. */
export class PostgresAdapterFactory extends PrismaPg {
  async connect(): Promise<PgAdapter> {
    const adapter = await reported(() => super.connect());
    const { queryRaw, executeRaw, startTransaction, executeScript } = adapter;
    return Object.assign(adapter, {
      queryRaw: async (query: PgQuery) => reported(() => sendAndObserve((q) => queryRaw.call(adapter, q), query)),
      executeRaw: async (query: PgQuery) => reported(() => sendAndObserve((q) => executeRaw.call(adapter, q), query)),
      executeScript: async (...args: Parameters<PgAdapter["executeScript"]>) => reported(() => executeScript.apply(adapter, args)),
      startTransaction: async (...args: Parameters<PgAdapter["startTransaction"]>) =>
        reportingTransaction(await reported(() => startTransaction.apply(adapter, args))),
    });
  }
}

/**
 * The pool every PostgreSQL query goes through (one per instance): its size, how long a connection
 * (or a free place in the pool) is waited for, and how long one statement may run, all from lib/env.ts.
 * A connection that breaks is dropped from the pool and the next query opens a new one: recovery
 * after an outage needs nothing more.
 */
export function postgresPoolConfig(url: string, config = env): PoolConfig {
  return {
    connectionString: url,
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
    // Server-side limit, set on every connection at start-up: a runaway statement is cancelled.
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    // A connection broken without a word (a dropped network path) is noticed by TCP keep-alive.
    keepAlive: true,
    application_name: "auth-modes",
  };
}

function createPostgresClient(url: string): PrismaClient {
  // A connection that breaks while idle in the pool is only logged: the pool drops it and the next
  // query opens a new one, and a query that cannot reports the outage itself.
  const onPoolError = (error: Error) => console.warn(`[database] an idle PostgreSQL connection closed: ${error.message}`);
  const adapter = new PostgresAdapterFactory(postgresPoolConfig(url), { onPoolError });
  // Both clients are generated from the one model definition (scripts/generate.mjs), so their query
  // APIs are the same; the app is typed against the SQLite client's, which the PostgreSQL one covers.
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

function fileIdentity(path: string): FileIdentity | null {
  try {
    const stats = statSync(path);
    return { path, dev: stats.dev, ino: stats.ino };
  } catch {
    return null;
  }
}

function createClient(): PrismaClient {
  const url = env.DATABASE_URL;
  const provider = databaseProviderOf(url);
  if (provider === "postgresql") return createPostgresClient(url);
  if (provider !== "sqlite") {
    throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (got "${url.split(":")[0]}:")`);
  }
  // The file is wherever DATABASE_URL says, chosen at run time: not something the build should trace.
  const path = resolve(/*turbopackIgnore: true*/ url.slice("file:".length).split("?")[0] ?? "");
  const identity = fileIdentity(path);
  if (identity) globalForPrisma.databaseFile = identity;
  return new PrismaClient({ adapter: new SqliteAdapterFactory({ url }) });
}

/** Whether the file at the database's path is still the one the client opened. */
function databaseFileState(): "in place" | "missing" | "replaced" {
  const opened = globalForPrisma.databaseFile;
  if (!opened) return "in place"; // nothing recorded (the file was created after the client): nothing to compare
  const current = fileIdentity(opened.path);
  if (!current) return "missing";
  return current.dev === opened.dev && current.ino === opened.ino ? "in place" : "replaced";
}

/**
 * Throws DatabaseUnavailableError when the database file is no longer the one the client opened. An open
 * SQLite connection keeps reading and writing a file that was moved or deleted: those writes would land
 * where nobody will read them again. Costs one stat(); proxy.ts runs it on every request.
 */
export function assertDatabaseFileInPlace(): void {
  const state = databaseFileState();
  if (state !== "in place") throw new DatabaseUnavailableError(`the database file is ${state}`);
}

/** Which database this process uses, from DATABASE_URL: for the few statements that differ. */
export function databaseProvider(): "sqlite" | "postgresql" {
  return databaseProviderOf(env.DATABASE_URL) === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * A raw-SQL expression whose value is a timestamp. PostgreSQL types a parameter from where it stands,
 * and a CASE of parameters is text, which a timestamp column refuses: there it is cast. SQLite has no
 * timestamp type (a cast would turn the stored text into a number), so there it stays as it is.
 */
export function asTimestamp(expression: Prisma.Sql): Prisma.Sql {
  return databaseProvider() === "postgresql" ? Prisma.sql`CAST(${expression} AS TIMESTAMP(3))` : expression;
}

/** Advisory-lock keys (PostgreSQL), one per group of rules that check other rows before they write. */
const LOCK_KEYS = { roles: 724_501_001, prune: 724_501_002 } as const;

/**
 * Runs `work` in a transaction that no other `exclusively(lock, …)` overlaps, in any process. On
 * PostgreSQL (READ COMMITTED), two statements each checking other rows before writing do not wait for
 * each other: the transaction first takes a transaction-scoped advisory lock, released at commit, and
 * each statement after it sees what the previous holder committed. SQLite has one writer at a time; a
 * transaction normally takes the write lock at its first write, so it starts with a write that changes
 * nothing (as BEGIN IMMEDIATE would): reads inside it then see no other writer's changes until commit.
 */
export async function exclusively<T>(lock: keyof typeof LOCK_KEYS, work: (db: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const db = getDb();
  const postgres = databaseProvider() === "postgresql";
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        postgres ? `SELECT pg_advisory_xact_lock(${LOCK_KEYS[lock]})` : `UPDATE "AdminSetupCode" SET "id" = "id" WHERE 0 = 1`,
      );
      return work(tx);
    },
    // Waiting for the lock counts against these: a few seconds, as a busy SQLite write waits (BUSY_TIMEOUT_MS).
    { maxWait: BUSY_TIMEOUT_MS, timeout: 2 * BUSY_TIMEOUT_MS },
  );
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

/**
 * Whether the database answers, for the recovery check and /api/health: a query succeeds (PostgreSQL),
 * or its file is in place (or has been replaced, and the client reopens it) and a query succeeds. The first statement runs in a
 * transaction, after which libsql opens a new connection for the second: so a database file that has
 * gone away is noticed (an open connection can keep reading a moved file), and one that is back is used.
 */
export async function probeDatabase(): Promise<void> {
  const state = databaseFileState();
  if (state === "missing") throw new DatabaseUnavailableError("the database file is missing");
  if (state === "replaced") {
    // Another file now stands at the path (a restored backup): open that one.
    const stale = globalForPrisma.prisma;
    globalForPrisma.prisma = undefined;
    globalForPrisma.sqliteClient = undefined;
    await stale?.$disconnect().catch(() => undefined);
  }
  const db = getDb();
  await db.$transaction([db.$queryRawUnsafe("SELECT 1")]);
  await db.$queryRawUnsafe("SELECT 1");
}
