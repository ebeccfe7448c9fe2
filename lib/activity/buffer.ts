// Rows written in batches instead of one statement each: a batch goes out when it reaches `maxRows`,
// `maxDelayMs` after its first row, when asked (flush), and when the process is told to stop
// (SIGTERM/SIGINT, lib/startup.ts) — so nothing queued is lost to a normal shutdown. A crash loses at
// most one batch window of page views, which is why only page views are buffered: security events are
// written one by one, each flushing the queue first so the trail keeps its order.
//
// One buffer per name per process, kept on globalThis: Next.js bundles instrumentation.ts, proxy.ts and
// the pages separately, and the shutdown hook must reach the buffer the pages fill.

export type BatchWriter<Row> = (rows: Row[]) => Promise<unknown>;

export type BufferOptions = { maxRows: number; maxDelayMs: number; onError: (error: unknown, rows: number) => void };

export class WriteBuffer<Row> {
  #rows: Row[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #writing = new Set<Promise<void>>();

  constructor(
    private readonly write: BatchWriter<Row>,
    private readonly options: BufferOptions,
  ) {}

  /** Rows queued and not yet handed to the writer. */
  get pending(): number {
    return this.#rows.length;
  }

  add(row: Row): void {
    this.#rows.push(row);
    if (this.#rows.length >= this.options.maxRows) {
      void this.flush();
      return;
    }
    if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), this.options.maxDelayMs);
      // A queued batch never keeps the process alive on its own; shutdown flushes it.
      this.#timer.unref?.();
    }
  }

  /** Writes what is queued; resolves once it and every batch already on its way are written (or failed and logged). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const rows = this.#rows.splice(0);
    if (rows.length) {
      const writing: Promise<void> = this.write(rows).then(
        () => undefined,
        (error: unknown) => this.options.onError(error, rows.length),
      );
      this.#writing.add(writing);
      void writing.finally(() => this.#writing.delete(writing));
    }
    await Promise.all([...this.#writing]);
  }
}

const REGISTRY = Symbol.for("auth-modes.write-buffers");
const holder = globalThis as { [REGISTRY]?: Map<string, WriteBuffer<unknown>> };

function registry(): Map<string, WriteBuffer<unknown>> {
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** The process's buffer called `name`, created on first use. */
export function sharedBuffer<Row>(name: string, create: () => WriteBuffer<Row>): WriteBuffer<Row> {
  const buffers = registry();
  let buffer = buffers.get(name);
  if (!buffer) {
    buffer = create() as WriteBuffer<unknown>;
    buffers.set(name, buffer);
  }
  return buffer as WriteBuffer<Row>;
}

/** Flushes every buffer of this process. */
export async function flushAllBuffers(): Promise<void> {
  await Promise.all([...registry().values()].map((buffer) => buffer.flush()));
}

type SignalTarget = Pick<NodeJS.Process, "once" | "exit">;

/**
 * On SIGTERM and SIGINT, flush every buffer. When the app owns the signals (Next.js started with
 * NEXT_MANUAL_SIG_HANDLE, as `npm start` does), exit once that is done, with the code Next.js would use;
 * otherwise Next.js's own handler closes the server and exits, and the flush races it.
 */
export function flushBuffersOnShutdown({ exitAfterwards }: { exitAfterwards: boolean }, target: SignalTarget = process): void {
  const codes = { SIGTERM: 143, SIGINT: 130 } as const;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    target.once(signal, () => {
      void flushAllBuffers().finally(() => {
        if (exitAfterwards) target.exit(codes[signal]);
      });
    });
  }
}
