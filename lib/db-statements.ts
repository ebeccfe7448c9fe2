import { AsyncLocalStorage } from "node:async_hooks";

// A per-request count of the SQL statements sent to the database: lib/db.ts calls countStatement() for
// every statement its drivers send (both databases), and countStatements() measures the work it wraps.
// Nothing is counted outside a measurement, so the cost elsewhere is one AsyncLocalStorage lookup.

// On globalThis, as lib/db.ts keeps its client: proxy.ts is a separate bundle in the same process, and
// whichever bundle creates the client, its drivers must count into the store the page opened.
const globalForCounting = globalThis as unknown as { statementCounter?: AsyncLocalStorage<{ statements: number }> };
const counting = (globalForCounting.statementCounter ??= new AsyncLocalStorage<{ statements: number }>());

/** Called by lib/db.ts for each statement sent (a batch counts each of its statements). */
export function countStatement(statements = 1): void {
  const store = counting.getStore();
  if (store) store.statements += statements;
}

export type Measured<T> = { result: T; statements: number; milliseconds: number };

/** Runs `work`, measuring its wall time and the SQL statements it sent (and only it: concurrent requests are not counted). */
export async function countStatements<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const store = { statements: 0 };
  const started = performance.now();
  // Awaited inside run(): a Prisma query is a lazy thenable that starts only when awaited.
  const result = await counting.run(store, async () => await work());
  return { result, statements: store.statements, milliseconds: performance.now() - started };
}

// Observers of write statements (lib/auth/session-cache.ts empties its cache on a change to the tables it
// caches). On globalThis for the same reason as the counter. Told of every statement that is not a
// SELECT, once when it is sent and once when it is done (for a transaction's statements, at commit).
const globalForObservers = globalThis as unknown as { writeObservers?: Set<(sql: string) => void> };
const writeObservers = (globalForObservers.writeObservers ??= new Set());

/** Calls `observer` with every write statement this process sends; returns the unsubscribe. */
export function observeWrites(observer: (sql: string) => void): () => void {
  writeObservers.add(observer);
  return () => writeObservers.delete(observer);
}

/** Called by lib/db.ts for a statement sent and again once it is done; a SELECT is not a write. */
export function wroteStatement(sql: string): void {
  if (writeObservers.size === 0 || /^\s*SELECT\b/i.test(sql)) return;
  for (const observer of writeObservers) observer(sql);
}
