import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Client, Config, Transaction } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { reportDatabaseError } from "@/lib/db-health";

/** Which file the client opened (device and inode): a file moved, deleted or replaced under it is noticed. */
type FileIdentity = { path: string; dev: number; ino: number };

// One client per process; kept on globalThis so dev-server reloads do not open new connections, and so
// proxy.ts (a separate bundle in the same process) shares it.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; databaseFile?: FileIdentity };

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
        return execute.apply(client, args);
      }),
    batch: async (...args: Parameters<Client["batch"]>) =>
      reported(async () => {
        await prepare();
        return batch.apply(client, args);
      }),
    transaction: async (...args: Parameters<Client["transaction"]>) =>
      reported(async () => {
        await prepare();
        const tx = await transaction.apply(client, args);
        fresh = true; // libsql opens a new connection for whatever comes next
        const { execute: txExecute, commit } = tx;
        return Object.assign(tx, {
          execute: async (...txArgs: Parameters<Transaction["execute"]>) => reported(() => txExecute.apply(tx, txArgs)),
          commit: async () => reported(() => commit.call(tx)),
        } as Partial<Transaction>);
      }),
  } as Partial<Client>);
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
    return withConnectionSettings(super.createClient(config));
  }
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
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for the embedded SQLite database (got "${url.split(":")[0]}:")`);
  }
  const path = resolve(url.slice("file:".length).split("?")[0] ?? "");
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

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

/**
 * Whether the database answers, for the recovery check and /api/health: its file is in place (or has
 * been replaced, and the client reopens it), and a query succeeds. The first statement runs in a
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
    await stale?.$disconnect().catch(() => undefined);
  }
  const db = getDb();
  await db.$transaction([db.$queryRawUnsafe("SELECT 1")]);
  await db.$queryRawUnsafe("SELECT 1");
}
