import "server-only";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { revokeAllSessionsOf } from "@/lib/auth/sessions";
import type { SessionUser } from "@/lib/auth/types";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { pageWindow } from "@/lib/pagination";
import { demoteUnlessLastAdmin, disableUnlessLastAdmin, LAST_ADMIN_MESSAGE } from "./roles";

export const ROLES = ["USER", "ADMIN"] as const satisfies readonly Role[];
export const USERS_PAGE_SIZE = 25;

export type AdminUserView = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
  activeSessions: number;
};

export const userSearchSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase().slice(0, 254) || undefined)
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type UserSearch = z.infer<typeof userSearchSchema>;

/** The columns an admin sees, with the number of sessions still alive at `now`. */
const viewSelect = (now: Date) =>
  ({
    id: true,
    email: true,
    name: true,
    role: true,
    disabledAt: true,
    createdAt: true,
    _count: { select: { sessions: { where: { expires: { gt: now } } } } },
  }) as const;

type UserRow = Omit<AdminUserView, "activeSessions"> & { _count: { sessions: number } };

function toView({ _count, ...user }: UserRow): AdminUserView {
  return { ...user, activeSessions: _count.sessions };
}

/** Users whose email or name contains the query, newest first, one page at a time. */
export async function searchUsers(search: UserSearch): Promise<{ rows: AdminUserView[]; page: number; pages: number; total: number }> {
  const where = search.q ? { OR: [{ email: { contains: search.q } }, { name: { contains: search.q } }] } : {};
  const db = getDb();
  const total = await db.user.count({ where });
  const { page, pages, skip, take } = pageWindow(total, search.page, USERS_PAGE_SIZE);
  const rows = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take,
    select: viewSelect(new Date()),
  });
  return { rows: rows.map(toView), page, pages, total };
}

export async function findUserForAdmin(userId: string): Promise<AdminUserView | null> {
  const row = await getDb().user.findUnique({
    where: { id: userId },
    select: viewSelect(new Date()),
  });
  return row ? toView(row) : null;
}

export type AdminResult = { ok: true; message: string } | { ok: false; message: string };

const NOT_FOUND: AdminResult = { ok: false, message: "That user no longer exists." };

export const roleChangeSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES, { error: "Choose USER or ADMIN." }),
});

/**
 * Gives `userId` a new role. An admin cannot change their own role, and the last active admin cannot be
 * demoted (lib/admin/roles.ts), even by two admins demoting each other at once.
 */
export async function changeRole(actor: SessionUser, userId: string, role: Role): Promise<AdminResult> {
  if (userId === actor.id) return { ok: false, message: "You cannot change your own role. Ask another admin." };
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
  if (!user) return NOT_FOUND;
  if (user.role === role) return { ok: true, message: `${user.email} is already ${role}.` };
  const changed =
    role === "ADMIN"
      ? (await db.user.updateMany({ where: { id: userId, role: "USER" }, data: { role } })).count === 1
      : await demoteUnlessLastAdmin(userId);
  if (!changed) {
    // Nothing changed: someone got there first, or this is the last active admin.
    const current = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!current) return NOT_FOUND;
    if (current.role === role) return { ok: true, message: `${user.email} is already ${role}.` };
    return { ok: false, message: `${user.email} ${LAST_ADMIN_MESSAGE}` };
  }
  await recordActivity({ type: "role.changed", userId, actorId: actor.id, detail: { from: user.role, to: role } });
  return { ok: true, message: `${user.email} is now ${role}.` };
}

export const disableSchema = z.object({
  userId: z.string().min(1).max(64),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/**
 * Disables or re-enables an account. Disabling refuses new sign-ins and ends every session the server
 * can reach (all of them in database mode and jwt `sid` and `version` modes). The last active admin cannot be disabled.
 */
export async function setDisabled(actor: SessionUser, userId: string, disabled: boolean): Promise<AdminResult> {
  if (userId === actor.id) return { ok: false, message: "You cannot disable your own account." };
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { disabledAt: true, email: true } });
  if (!user) return NOT_FOUND;
  const already: AdminResult = { ok: true, message: `${user.email} is already ${disabled ? "disabled" : "enabled"}.` };
  if (Boolean(user.disabledAt) === disabled) return already;
  const changed = disabled
    ? await disableUnlessLastAdmin(userId)
    : (await db.user.updateMany({ where: { id: userId, disabledAt: { not: null } }, data: { disabledAt: null } })).count === 1;
  if (!changed) {
    const current = await db.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!current) return NOT_FOUND;
    if (Boolean(current.disabledAt) === disabled) return already;
    return { ok: false, message: `${user.email} ${LAST_ADMIN_MESSAGE}` };
  }
  await recordActivity({ type: disabled ? "user.disabled" : "user.enabled", userId, actorId: actor.id });
  if (!disabled) return { ok: true, message: `${user.email} can sign in again.` };
  const ended = await revokeAllSessionsOf(userId, actor.id);
  if (ended === null) return { ok: true, message: `${user.email} is disabled; every session was ended.` };
  return { ok: true, message: `${user.email} is disabled; ${ended === 1 ? "1 session was" : `${ended} sessions were`} ended.` };
}
