import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import bcrypt from "bcryptjs";

// bcrypt at cost 12 is ~250 ms of pure computation. bcryptjs's async functions only slice it into
// 100 ms turns of the event loop, so twenty sign-ins at once still hold every other request for seconds.
// Here the work runs on worker threads instead (one per spare core, at least one): the event loop that
// serves pages only posts a message and waits. If a worker cannot start (bcryptjs not resolvable from the
// working directory, threads unavailable), the work falls back to this thread, with one warning.

export type PasswordJob = { op: "hash"; input: string; cost: number } | { op: "compare"; input: string; hash: string };

type Task = { job: PasswordJob; resolve(value: string | boolean): void; reject(error: Error): void };
type Slot = { worker: Worker; task: Task | null };
type Reply = { value?: string | boolean; error?: string };

// Evaluated in the worker (CommonJS, `require` resolves from the working directory, where node_modules is):
// one job at a time, synchronously, since this thread has nothing else to do.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
parentPort.on("message", (job) => {
  try {
    const value = job.op === "hash" ? bcrypt.hashSync(job.input, job.cost) : bcrypt.compareSync(job.input, job.hash);
    parentPort.postMessage({ value });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

const SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));

const slots: Slot[] = [];
const queue: Task[] = [];
let fallback = false;
const stats = { onWorkers: 0, onMainThread: 0 };

function inThread(job: PasswordJob): Promise<string | boolean> {
  stats.onMainThread += 1;
  return job.op === "hash" ? bcrypt.hash(job.input, job.cost) : bcrypt.compare(job.input, job.hash);
}

function fallBackToMainThread(reason: unknown) {
  if (fallback) return;
  fallback = true;
  console.warn(
    `[auth-modes] bcrypt worker threads unavailable (${reason instanceof Error ? reason.message : String(reason)}): hashing on the main thread`,
  );
  for (const slot of slots.splice(0)) void slot.worker.terminate();
  for (const task of queue.splice(0)) inThread(task.job).then(task.resolve, task.reject);
}

function dispatch(slot: Slot) {
  const task = queue.shift();
  slot.task = task ?? null;
  if (!task) {
    slot.worker.unref(); // an idle pool never keeps a script alive
    return;
  }
  slot.worker.ref();
  slot.worker.postMessage(task.job);
}

function spawnSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true, name: "bcrypt" });
  const slot: Slot = { worker, task: null };
  worker.on("message", (reply: Reply) => {
    const task = slot.task;
    if (!task) return;
    stats.onWorkers += 1;
    if (reply.error !== undefined) task.reject(new Error(reply.error));
    else task.resolve(reply.value as string | boolean);
    dispatch(slot);
  });
  const lost = (reason: unknown) => {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    if (slot.task) queue.unshift(slot.task);
    slot.task = null;
    fallBackToMainThread(reason);
  };
  worker.on("error", lost);
  worker.on("exit", (code) => lost(new Error(`worker exited with code ${code}`)));
  slots.push(slot);
  return slot;
}

/** Runs one bcrypt hash or compare on a worker thread; resolves with the hash or whether it matched. */
export function runPasswordJob(job: PasswordJob): Promise<string | boolean> {
  if (fallback) return inThread(job);
  return new Promise((resolve, reject) => {
    queue.push({ job, resolve, reject });
    const idle = slots.find((slot) => slot.task === null);
    if (idle) dispatch(idle);
    else if (slots.length < SIZE) {
      try {
        dispatch(spawnSlot());
      } catch (error) {
        fallBackToMainThread(error);
      }
    }
  });
}

/** What lib/auth/password.ts calls: an object, so that a test can watch the jobs (vi.spyOn(passwordJobs, "run")). */
export const passwordJobs = { run: runPasswordJob };

/** How many jobs ran where, and the pool's size: for tests and the benchmark. */
export function passwordThreadStats() {
  return { size: SIZE, workers: slots.length, ...stats };
}
