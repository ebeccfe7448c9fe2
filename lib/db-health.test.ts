import { afterEach, describe, expect, it, vi } from "vitest";
import {
  databaseAvailable,
  databaseFailureCount,
  isDatabaseMarkedDown,
  isUnavailableError,
  PROBE_INTERVAL_MS,
  reportDatabaseError,
  resetDatabaseHealth,
  watchForOutage,
} from "./db-health";

afterEach(() => {
  resetDatabaseHealth();
  vi.restoreAllMocks();
});

const ok = () => undefined;
const quiet = () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
};

describe("isUnavailableError", () => {
  it("recognises an unreachable database, as libsql, the driver adapter and Prisma report it", () => {
    expect(isUnavailableError(Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY_DBMOVED" }))).toBe(
      true,
    );
    expect(isUnavailableError(Object.assign(new Error("x"), { code: "SQLITE_BUSY" }))).toBe(true);
    const adapter = Object.assign(new Error("attempt to write a readonly database"), {
      name: "DriverAdapterError",
      cause: { kind: "sqlite", extendedCode: 1032 },
    });
    expect(isUnavailableError(adapter)).toBe(true);
    expect(isUnavailableError(new Error("Failed to connect to database: `/srv/app.db`"))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error("cannot reach"), { name: "PrismaClientInitializationError" }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error("x"), { code: "P1001" }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error("gone"), { name: "DatabaseUnavailableError" }))).toBe(true);
  });

  it("recognises a PostgreSQL server that is unreachable, went away or ended the connection, as pg and adapter-pg report it", () => {
    const refused = Object.assign(new Error("x"), {
      name: "DriverAdapterError",
      cause: { kind: "DatabaseNotReachable", host: "db", port: 5432 },
    });
    expect(isUnavailableError(refused)).toBe(true);
    expect(isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } }))).toBe(
      true,
    );
    expect(isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "TooManyConnections" } }))).toBe(
      true,
    );
    const terminated = { kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" };
    expect(isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: terminated }))).toBe(true);
    expect(
      isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "08006" } })),
    ).toBe(true);
    expect(isUnavailableError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isUnavailableError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    const closed = { kind: "postgres", code: "55000", message: 'database "app" is not currently accepting connections' };
    expect(isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: closed }))).toBe(true);
  });

  it("does not mistake a query that broke a rule for an outage", () => {
    expect(
      isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "UniqueConstraintViolation" } })),
    ).toBe(false);
    expect(
      isUnavailableError(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "42804" } })),
    ).toBe(false);
    expect(
      isUnavailableError(
        Object.assign(new Error("canceling statement due to statement timeout"), { cause: { kind: "postgres", code: "57014" } }),
      ),
    ).toBe(false);
    expect(isUnavailableError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(
      isUnavailableError(
        Object.assign(new Error("UNIQUE constraint failed"), { name: "DriverAdapterError", cause: { kind: "sqlite", extendedCode: 2067 } }),
      ),
    ).toBe(false);
    expect(isUnavailableError(new Error("no such table: Foo"))).toBe(false);
    expect(isUnavailableError(null)).toBe(false);
    expect(isUnavailableError("SQLITE_BUSY")).toBe(false);
  });
});

describe("databaseAvailable", () => {
  it("is true while nothing failed, and counts only availability errors", async () => {
    quiet();
    expect(await databaseAvailable(ok, async () => undefined)).toBe(true);
    reportDatabaseError(new Error("UNIQUE constraint failed"));
    expect(databaseFailureCount()).toBe(0);
    expect(isDatabaseMarkedDown()).toBe(false);
  });

  it("after a failure answers false without probing until the interval passes, then recovers when the probe succeeds", async () => {
    quiet();
    const t0 = 1_000_000;
    reportDatabaseError(Object.assign(new Error("x"), { code: "SQLITE_CANTOPEN" }), t0);
    expect(isDatabaseMarkedDown()).toBe(true);
    const probe = vi.fn(async () => {
      throw new Error("still down");
    });
    expect(await databaseAvailable(ok, probe, t0 + 10)).toBe(false);
    expect(probe).not.toHaveBeenCalled();
    expect(await databaseAvailable(ok, probe, t0 + PROBE_INTERVAL_MS)).toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(await databaseAvailable(ok, probe, t0 + PROBE_INTERVAL_MS + 10)).toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
    const recovered = vi.fn(async () => undefined);
    expect(await databaseAvailable(ok, recovered, t0 + 2 * PROBE_INTERVAL_MS)).toBe(true);
    expect(isDatabaseMarkedDown()).toBe(false);
    expect(await databaseAvailable(ok, recovered, t0 + 2 * PROBE_INTERVAL_MS + 1)).toBe(true);
    expect(recovered).toHaveBeenCalledTimes(1);
  });

  it("shares one probe among concurrent callers", async () => {
    quiet();
    reportDatabaseError(Object.assign(new Error("x"), { code: "SQLITE_IOERR" }), 0);
    let release = () => undefined as void;
    const probe = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = Promise.all([databaseAvailable(ok, probe, PROBE_INTERVAL_MS), databaseAvailable(ok, probe, PROBE_INTERVAL_MS)]);
    release();
    expect(await waiting).toEqual([true, true]);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it("marks the database down when the per-request check finds its file gone, and lets other errors surface", async () => {
    quiet();
    const gone = () => {
      throw Object.assign(new Error("the database file is missing"), { name: "DatabaseUnavailableError" });
    };
    expect(await databaseAvailable(gone, async () => undefined)).toBe(false);
    expect(isDatabaseMarkedDown()).toBe(true);
    resetDatabaseHealth();
    const bug = () => {
      throw new TypeError("a bug");
    };
    await expect(databaseAvailable(bug, async () => undefined)).rejects.toThrow("a bug");
  });

  it("watchForOutage tells a call that met an outage from one that did not, and hands back what it threw", async () => {
    quiet();
    expect(await watchForOutage(async () => 42)).toEqual({ ok: true, value: 42, metOutage: false });
    const refused = new Error("wrong password");
    expect(await watchForOutage(async () => Promise.reject(refused))).toEqual({ ok: false, error: refused, metOutage: false });
    const outage = await watchForOutage(async () => {
      reportDatabaseError(Object.assign(new Error("x"), { code: "SQLITE_CANTOPEN" }));
      return "signed out";
    });
    expect(outage).toEqual({ ok: true, value: "signed out", metOutage: true });
    // Another error not about availability does not count as an outage.
    expect((await watchForOutage(async () => reportDatabaseError(new Error("UNIQUE constraint failed")))).metOutage).toBe(false);
  });
});
