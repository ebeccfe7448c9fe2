import "server-only";
import { after } from "next/server";
import { currentSessionHash } from "@/lib/auth/current-token";
import { getDb } from "@/lib/db";
import { getRequestMeta } from "@/lib/request-meta";
import { sharedBuffer, WriteBuffer } from "./buffer";
import { sessionRefOf } from "./session-ref";
import type { ActivityDetail, ActivityType } from "./types";

export type ActivityInput = {
  type: ActivityType;
  /** Whose activity it is; null when unknown (a refused sign-in with an unknown email). */
  userId: string | null;
  /** Who acted, when that is someone other than the user (an admin revoking a session). */
  actorId?: string | null;
  path?: string | null;
  /** The session the event belongs to: this request's, or one named by its stored hash. */
  session?: "current" | { hash: string } | null;
  detail?: ActivityDetail;
};

type ActivityRow = {
  type: ActivityType;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  path: string | null;
  sessionRef: string | null;
  detail: string | null;
  /** When it happened: a page view is written up to a batch window later. */
  createdAt: Date;
};

const MAX_PATH_LENGTH = 512;
const MAX_DETAIL_LENGTH = 1_000;

function logFailure(type: ActivityType, error: unknown): void {
  // The event's content stays out of the log: only which write failed and why.
  const reason = error instanceof Error ? `${error.name}${"code" in error ? ` ${String(error.code)}` : ""}` : "unknown error";
  console.error(`[activity] could not record a ${type} event: ${reason}`);
}

/** Page views are the one event every signed-in page load causes: they are queued and written in batches (lib/activity/buffer.ts). */
export const PAGE_VIEW_BATCH = { maxRows: 100, maxDelayMs: 1_000 } as const;

function pageViews(): WriteBuffer<ActivityRow> {
  return sharedBuffer(
    "page-views",
    () =>
      new WriteBuffer<ActivityRow>((rows) => getDb().activityEvent.createMany({ data: rows }), {
        ...PAGE_VIEW_BATCH,
        onError: (error) => logFailure("page.view", error),
      }),
  );
}

/** Writes the page views still queued. */
function flushPageViews(): Promise<void> {
  return pageViews().flush();
}

async function write(row: ActivityRow): Promise<void> {
  try {
    // Queued page views first, so the trail keeps the order things happened in.
    await flushPageViews();
    await getDb().activityEvent.create({ data: row });
  } catch (error) {
    logFailure(row.type, error);
  }
}

/** Runs `task` after the response is sent when there is a response; straight away (unawaited) otherwise. */
function schedule(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}

/**
 * Records an event in the activity trail. Never throws and never delays the response: the request's
 * IP, user agent and session are read now, the row is written after the response (a page view, with
 * the next batch of them), and a failed write is logged and dropped.
 */
export async function recordActivity(input: ActivityInput): Promise<void> {
  try {
    const meta = await getRequestMeta();
    const hash = input.session === "current" ? await currentSessionHash() : (input.session?.hash ?? null);
    const detail = input.detail ? JSON.stringify(input.detail) : null;
    const row: ActivityRow = {
      type: input.type,
      userId: input.userId,
      actorId: input.actorId ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
      path: input.path ? input.path.slice(0, MAX_PATH_LENGTH) : null,
      sessionRef: hash ? sessionRefOf(hash) : null,
      detail: detail && detail.length <= MAX_DETAIL_LENGTH ? detail : null,
      createdAt: new Date(),
    };
    if (row.type === "page.view") pageViews().add(row);
    else schedule(() => write(row));
  } catch (error) {
    logFailure(input.type, error);
  }
}
