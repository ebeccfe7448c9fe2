import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import { flushBuffersOnShutdown, sharedBuffer, WriteBuffer } from "./buffer";

// Page views are written in batches: by size, by time, when flushed, and when the process is told to
// stop, so a SIGTERM loses none.

afterEach(() => vi.useRealTimers());

function recordingBuffer(options: { maxRows?: number; maxDelayMs?: number } = {}) {
  const batches: number[][] = [];
  const buffer = new WriteBuffer<number>(async (rows) => void batches.push(rows), {
    maxRows: options.maxRows ?? 3,
    maxDelayMs: options.maxDelayMs ?? 1_000,
    onError: () => {},
  });
  return { buffer, batches };
}

describe("WriteBuffer", () => {
  it("writes a batch once it is full, and nothing before", async () => {
    const { buffer, batches } = recordingBuffer({ maxRows: 3 });
    buffer.add(1);
    buffer.add(2);
    expect(batches).toEqual([]);
    buffer.add(3);
    await buffer.flush();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(buffer.pending).toBe(0);
  });

  it("writes a partial batch once its first row has waited maxDelayMs", async () => {
    vi.useFakeTimers();
    const { buffer, batches } = recordingBuffer({ maxRows: 100, maxDelayMs: 1_000 });
    buffer.add(1);
    await vi.advanceTimersByTimeAsync(500);
    buffer.add(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[1, 2]]);
  });

  it("logs a failed batch with its size and goes on", async () => {
    const failures: number[] = [];
    const buffer = new WriteBuffer<number>(async () => Promise.reject(new Error("locked")), {
      maxRows: 10,
      maxDelayMs: 1_000,
      onError: (_, rows) => failures.push(rows),
    });
    buffer.add(1);
    buffer.add(2);
    await expect(buffer.flush()).resolves.toBeUndefined();
    expect(failures).toEqual([2]);
  });
});

describe("the shutdown hook", () => {
  it("flushes every shared buffer on SIGTERM, and exits with 143 only once every row is written", async () => {
    const target = Object.assign(new EventEmitter(), { exit: vi.fn() });
    let release = () => {};
    const written: string[] = [];
    const buffer = sharedBuffer(
      `test-${Date.now()}`,
      () =>
        new WriteBuffer<string>(
          async (rows) => {
            await new Promise<void>((resolve) => (release = resolve));
            written.push(...rows);
          },
          { maxRows: 100, maxDelayMs: 60_000, onError: () => {} },
        ),
    );
    buffer.add("a");
    buffer.add("b");
    flushBuffersOnShutdown({ exitAfterwards: true }, target as unknown as Pick<NodeJS.Process, "once" | "exit">);
    target.emit("SIGTERM");
    await vi.waitFor(() => expect(buffer.pending).toBe(0));
    expect(target.exit).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(target.exit).toHaveBeenCalledWith(143));
    expect(written).toEqual(["a", "b"]);
  });

  describe("in a real process with a real database", () => {
    const database = temporaryDatabase("buffer-shutdown");
    beforeAll(() => database.setup(), 60_000);
    afterAll(() => database.teardown());

    it("loses no queued page view to SIGTERM", async () => {
      const rows = 250;
      const child = spawn(join("node_modules", ".bin", "tsx"), ["lib/testing/buffer-shutdown-child.mts"], {
        env: { ...process.env, DATABASE_URL: database.url, ROWS: String(rows) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes(`queued ${rows}`)) resolve();
        });
        child.on("exit", () => reject(new Error("the child exited before queueing")));
      });
      // A client of its own on this test's file (lib/db.ts keeps one per process, whichever file it opened first).
      const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
      const { PrismaClient } = await import("@/lib/generated/prisma/client");
      const db = new PrismaClient({ adapter: new PrismaLibSQL({ url: database.url }) });
      try {
        expect(await db.activityEvent.count(), "nothing written before the signal").toBe(0);
        child.kill("SIGTERM");
        expect(await exited).toBe(143);
        expect(await db.activityEvent.count({ where: { type: "page.view" } })).toBe(rows);
      } finally {
        await db.$disconnect();
      }
    }, 60_000);
  });
});
