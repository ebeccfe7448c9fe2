// Run by lib/activity/buffer.test.ts as a separate process: queues page views in a buffer whose batch
// window never closes on its own, installs the shutdown hook as lib/startup.ts does, says "queued", and
// waits for the test's SIGTERM. Everything it queued must be in the database when it has exited.
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { flushBuffersOnShutdown, sharedBuffer, WriteBuffer } from "../activity/buffer";
import { PrismaClient } from "../generated/prisma/client";

const url = process.env.DATABASE_URL ?? "";
const count = Number(process.env.ROWS ?? "0");
const db = new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
type Row = { type: string; path: string; createdAt: Date };
const buffer = sharedBuffer(
  "page-views",
  () =>
    new WriteBuffer<Row>((rows) => db.activityEvent.createMany({ data: rows }), {
      maxRows: 1_000_000,
      maxDelayMs: 3_600_000,
      onError: (error) => console.error(error),
    }),
);
await db.$connect();
flushBuffersOnShutdown({ exitAfterwards: true });
for (let i = 0; i < count; i++) buffer.add({ type: "page.view", path: `/p${i}`, createdAt: new Date() });
process.stdout.write(`queued ${buffer.pending}\n`);
// Keeps the process alive until the signal: the buffer's own timer does not.
setInterval(() => {}, 60_000);
