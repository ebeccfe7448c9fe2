import type { Client, Config } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process; kept on globalThis so dev-server reloads do not open new connections.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

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
    execute: async (...args: Parameters<Client["execute"]>) => {
      await prepare();
      return execute.apply(client, args);
    },
    batch: async (...args: Parameters<Client["batch"]>) => {
      await prepare();
      return batch.apply(client, args);
    },
    transaction: async (...args: Parameters<Client["transaction"]>) => {
      await prepare();
      const tx = await transaction.apply(client, args);
      fresh = true; // libsql opens a new connection for whatever comes next
      return tx;
    },
  } as Partial<Client>);
}

class SqliteAdapterFactory extends PrismaLibSQL {
  createClient(config: Config): Client {
    return withConnectionSettings(super.createClient(config));
  }
}

function createClient(): PrismaClient {
  const url = env.DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for the embedded SQLite database (got "${url.split(":")[0]}:")`);
  }
  return new PrismaClient({ adapter: new SqliteAdapterFactory({ url }) });
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}
