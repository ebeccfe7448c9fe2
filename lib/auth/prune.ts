import { sessionRefOf } from "@/lib/activity/session-ref";
import { pruneApiFamilies } from "@/lib/api/prune";
import { exclusively } from "@/lib/db";
import { env } from "@/lib/env";
import { outsideFlows } from "@/lib/flows/recorder";
import { Prisma } from "@/lib/generated/prisma/client";
import { sessionEndReason } from "./lifetime";
import { pruneSignInThrottle } from "./throttle";

// Removing sessions that ended without anyone noticing: their idle expiry or absolute lifetime passed
// while no request came to find them dead. Used by `npm run sessions:prune` and, opportunistically, at
// sign-in (at most once per PRUNE_INTERVAL_MS per process). No "server-only" here: the CLI imports it.

export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
const BATCH = 500;

export type PruneResult = { idle: number; absolute: number };

/**
 * Deletes every expired session and records a `session.expired` event for each. Several instances may
 * prune at once: each batch (find, delete, record) runs under one lock (`exclusively`), so a session is
 * deleted and recorded by one of them only.
 */
export async function pruneExpiredSessions(now = new Date(), onBatch?: (done: number) => void): Promise<PruneResult> {
  const createdBefore = new Date(now.getTime() - env.AUTH_SESSION_ABSOLUTE_MAX_AGE * 1000);
  const result: PruneResult = { idle: 0, absolute: 0 };
  for (;;) {
    const found = await exclusively("prune", async (db) => {
      const rows = await db.session.findMany({
        where: { OR: [{ expires: { lte: now } }, { createdAt: { lte: createdBefore } }] },
        select: { id: true, userId: true, sessionToken: true, createdAt: true, expires: true },
        take: BATCH,
      });
      if (!rows.length) return 0;
      // Only the rows this statement deleted are recorded: the lock keeps other prunes out, not the read
      // path, which deletes a dead session it meets and records it itself (expireSessionRow). On
      // PostgreSQL a row it deletes after the SELECT above is skipped by the DELETE, and RETURNING says so.
      const deleted = await db.$queryRaw<{ id: string }[]>(
        Prisma.sql`DELETE FROM "Session" WHERE "id" IN (${Prisma.join(rows.map((row) => row.id))}) RETURNING "id"`,
      );
      const gone = new Set(deleted.map((row) => row.id));
      const events = rows
        .filter((row) => gone.has(row.id))
        .map((row) => {
          const reason =
            sessionEndReason(row.expires.getTime(), row.createdAt.getTime() + env.AUTH_SESSION_ABSOLUTE_MAX_AGE * 1000, now.getTime()) ??
            "idle";
          result[reason] += 1;
          return {
            type: "session.expired",
            userId: row.userId,
            sessionRef: sessionRefOf(row.sessionToken),
            detail: JSON.stringify({ reason, pruned: true }),
          };
        });
      if (events.length) await db.activityEvent.createMany({ data: events });
      return rows.length;
    });
    if (found) onBatch?.(result.idle + result.absolute);
    if (found < BATCH) return result;
  }
}

let lastPrune = 0;

/**
 * Prunes in the background when the last prune in this process is PRUNE_INTERVAL_MS old. Returns null
 * when it is too soon, else the background work (callers need not wait for it; it never rejects).
 */
export function pruneExpiredSessionsSometimes(now = Date.now()): Promise<void> | null {
  if (now - lastPrune < PRUNE_INTERVAL_MS) return null;
  lastPrune = now;
  return outsideFlows(() =>
    Promise.all([pruneExpiredSessions(new Date(now)), pruneSignInThrottle(undefined, new Date(now)), pruneApiFamilies(new Date(now))]),
  ).then(
    () => undefined,
    (error: unknown) => {
      console.error(`[sessions] opportunistic prune failed: ${error instanceof Error ? error.name : "unknown error"}`);
    },
  );
}
