import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { pageWindow } from "@/lib/pagination";
import { describeUserAgent } from "@/lib/user-agent";
import { flushAllBuffers } from "./buffer";
import { ACTIVITY_TYPES, isActivityType, type ActivityDetail, type ActivityType } from "./types";

export const ACTIVITY_PAGE_SIZE = 25;
const MAX_PAGE = 100_000;

/** The filters of an activity page, read from its search params; anything unusable falls back to "all". */
export const activityFilterSchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
  type: z
    .string()
    .optional()
    .transform((value) => (isActivityType(value) ? value : undefined))
    .catch(undefined),
  user: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase().slice(0, 254) || undefined)
    .catch(undefined),
});

export type ActivityFilter = z.infer<typeof activityFilterSchema>;

export function parseActivityFilter(params: Record<string, string | string[] | undefined>): ActivityFilter {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return activityFilterSchema.parse({ page: first(params.page), type: first(params.type), user: first(params.user) });
}

export type ActivityView = {
  id: string;
  createdAt: Date;
  type: ActivityType;
  label: string;
  user: { id: string; email: string } | null;
  actor: { id: string; email: string } | null;
  ip: string | null;
  device: string;
  path: string | null;
  sessionRef: string | null;
  detail: ActivityDetail;
};

export type ActivityPage = { rows: ActivityView[]; page: number; pages: number; total: number };

function parseDetail(text: string | null): ActivityDetail {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, string | number | boolean | null] =>
          entry[1] === null || ["string", "number", "boolean"].includes(typeof entry[1]),
      ),
    );
  } catch {
    return {};
  }
}

/**
 * One page of the trail, newest first. `userId` pins it to one user (their own page); `filter.user`
 * narrows by a part of the email (the admin view).
 */
export async function listActivity(
  filter: Partial<Omit<ActivityFilter, "page">> & { page: number; userId?: string },
): Promise<ActivityPage> {
  const where = {
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.user ? { user: { email: { contains: filter.user } } } : {}),
  };
  // Page views wait in a batch (lib/activity/buffer.ts); whoever reads the trail sees their own.
  await flushAllBuffers();
  const db = getDb();
  const total = await db.activityEvent.count({ where });
  const { page, pages, skip, take } = pageWindow(total, filter.page, ACTIVITY_PAGE_SIZE);
  const rows = await db.activityEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take,
    include: { user: { select: { id: true, email: true } }, actor: { select: { id: true, email: true } } },
  });
  return {
    page,
    pages,
    total,
    rows: rows.flatMap((row) =>
      isActivityType(row.type)
        ? [
            {
              id: row.id,
              createdAt: row.createdAt,
              type: row.type,
              label: ACTIVITY_TYPES[row.type],
              user: row.user,
              actor: row.actor,
              ip: row.ip,
              device: describeUserAgent(row.userAgent),
              path: row.path,
              sessionRef: row.sessionRef,
              detail: parseDetail(row.detail),
            },
          ]
        : [],
    ),
  };
}
