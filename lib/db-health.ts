// Failing closed when the database cannot be reached (SECURITY.md 30), SQLite or PostgreSQL. Every database error passes
// through reportDatabaseError (lib/db.ts); one that means "unreachable" (not a constraint violation)
// marks the database down. While it is down, proxy.ts answers every request with 503 — a page that says
// so, JSON for APIs — instead of letting pages treat the failure as "signed out" or show an error; at
// most every PROBE_INTERVAL_MS one request checks whether the database answers again, and the first
// success clears the mark: the service recovers by itself. The state lives on globalThis because
// proxy.ts and the app's routes are separate bundles in the one server process.

export const PROBE_INTERVAL_MS = 2_000;
/** What 503 responses suggest as Retry-After. */
export const RETRY_AFTER_SECONDS = 5;

type Health = { failures: number; downSince: number | null; lastProbe: number; probe: Promise<boolean> | null };

const KEY = Symbol.for("auth-modes.database-health");

function health(): Health {
  const holder = globalThis as { [KEY]?: Health };
  holder[KEY] ??= { failures: 0, downSince: null, lastProbe: 0, probe: null };
  return holder[KEY];
}

// SQLite result codes (the low byte of an extended code) that mean the database itself cannot be used,
// as opposed to a query that broke a rule: BUSY, LOCKED, READONLY (a moved or read-only file), IOERR,
// CORRUPT, FULL, CANTOPEN, NOTADB.
const UNAVAILABLE_SQLITE = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|CORRUPT|FULL|CANTOPEN|NOTADB)/;
const UNAVAILABLE_SQLITE_CODES = new Set([5, 6, 8, 10, 11, 13, 14, 26]);
// Prisma's codes for "cannot reach / timed out / connection closed / pool exhausted".
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// What @prisma/adapter-pg reports for a connection that failed or broke (the error's `cause.kind`).
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
  "DatabaseDoesNotExist",
]);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (the server is shutting down, was
// told to end this connection, or cannot take connections yet), 53300 (too many connections).
const UNAVAILABLE_POSTGRES = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_MESSAGE =
  /Failed to connect to database|unable to open database|database is locked|ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|Can't reach database server|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|not currently accepting connections/i;

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

/** Whether an error from the database layer means the database cannot be used right now. */
export function isUnavailableError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = fieldOf(current, "cause"), depth += 1) {
    const name = fieldOf(current, "name");
    if (name === "DatabaseUnavailableError") return true;
    if (name === "PrismaClientInitializationError" || name === "PrismaClientRustPanicError") return true;
    const code = fieldOf(current, "code");
    if (typeof code === "string" && (UNAVAILABLE_SQLITE.test(code) || UNAVAILABLE_PRISMA.has(code) || UNAVAILABLE_POSTGRES.test(code)))
      return true;
    const kind = fieldOf(current, "kind");
    if (typeof kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
    if (kind === "postgres" && typeof code === "string" && UNAVAILABLE_POSTGRES.test(code)) return true;
    const extended = fieldOf(current, "extendedCode");
    if (fieldOf(current, "kind") === "sqlite" && typeof extended === "number" && UNAVAILABLE_SQLITE_CODES.has(extended & 0xff)) return true;
    const message = fieldOf(current, "message");
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

function describe(error: unknown): string {
  const code = fieldOf(error, "code");
  return typeof code === "string" && code ? code : fieldOf(error, "name") === undefined ? "unknown error" : String(fieldOf(error, "name"));
}

/** Called with every database error; marks the database down when the error says it is unreachable. */
export function reportDatabaseError(error: unknown, now = Date.now()): void {
  if (!isUnavailableError(error)) return;
  const state = health();
  state.failures += 1;
  if (state.downSince === null) {
    state.downSince = now;
    state.lastProbe = now;
    console.error(`[database] unavailable (${describe(error)}): answering 503 until it responds again`);
  }
}

/** How many unavailability errors this process has seen. */
export function databaseFailureCount(): number {
  return health().failures;
}

export type Watched<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & {
  /** An unavailability error was reported while the call ran. */
  metOutage: boolean;
};

/**
 * Runs `call` and says whether it met a database outage. Auth.js reads a database error as "no session"
 * (and clears the cookie) or as a failed sign-in, so callers need to know to answer 503 instead. What
 * `call` throws comes back as `error`, for the caller to handle or throw again.
 */
export async function watchForOutage<T>(call: () => Promise<T>): Promise<Watched<T>> {
  const before = health().failures;
  try {
    const value = await call();
    return { ok: true, value, metOutage: health().failures !== before };
  } catch (error) {
    return { ok: false, error, metOutage: health().failures !== before };
  }
}

export function isDatabaseMarkedDown(): boolean {
  return health().downSince !== null;
}

/**
 * True when the database may be used: `check` (cheap, run on every call) passes and the database is not
 * marked down, or it is and `probe` (run at most once per
 * PROBE_INTERVAL_MS, shared by concurrent callers) now succeeds, which clears the mark.
 */
export async function databaseAvailable(check: () => void, probe: () => Promise<unknown>, now = Date.now()): Promise<boolean> {
  const state = health();
  if (state.downSince === null) {
    try {
      check();
      return true;
    } catch (error) {
      reportDatabaseError(error, now);
      if (state.downSince === null) throw error; // not an availability problem: a bug, let it surface
      return false;
    }
  }
  if (!state.probe) {
    if (now - state.lastProbe < PROBE_INTERVAL_MS) return false;
    state.lastProbe = now;
    state.probe = probe().then(
      () => true,
      () => false,
    );
  }
  const pending = state.probe;
  const ok = await pending;
  if (state.probe === pending) state.probe = null;
  if (ok && state.downSince !== null) {
    console.log(`[database] available again after ${Math.round((Date.now() - state.downSince) / 1000)} s`);
    state.downSince = null;
  }
  return ok;
}

/** For tests: forget everything. */
export function resetDatabaseHealth(): void {
  const state = health();
  Object.assign(state, { failures: 0, downSince: null, lastProbe: 0, probe: null });
}
