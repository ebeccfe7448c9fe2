import "server-only";
import { recordActivity } from "@/lib/activity/record";
import { hashSessionToken } from "@/lib/auth/session-token";
import type { SessionUser } from "@/lib/auth/types";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { parseScope, type Scope } from "./scopes";
import { generateRefreshToken } from "./tokens";

// Refresh-token families (RFC 9700 §4.14.2): one per API sign-in. Every refresh token is stored as its
// SHA-256 and used once: a refresh marks it used with a conditional update (only a still-unused token
// matches) and issues the next one. Presenting a used token again is reuse: the whole family is revoked,
// the newest token with it. Two refreshes of the same token at once are the same thing seen from the
// server: exactly one update matches; the other gets invalid_grant and, since the server cannot tell a
// racing client from a thief, the family is revoked (clients must refresh one at a time; the CLI does).

export type FamilyMeta = { deviceName: string | null; userAgent: string | null; ip: string | null };

export type IssuedRefresh = { familyId: string; refreshToken: string; scope: Scope[]; user: SessionUser };

export type RefreshRefusal = "unknown" | "reused" | "expired" | "revoked";

export type RefreshResult = { ok: true; issued: IssuedRefresh } | { ok: false; reason: RefreshRefusal; familyId?: string; userId?: string };

/** The activity trail's session reference for a family (a short hash of this, never a token). */
export const familyRef = (familyId: string) => ({ hash: hashSessionToken(`api-family:${familyId}`) });

const USER_SELECT = { id: true, name: true, email: true, role: true, disabledAt: true } as const;

function refreshExpiry(now: Date, familyExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + env.AUTH_SESSION_MAX_AGE * 1000, familyExpiresAt.getTime()));
}

/** Starts a family for a signed-in user and returns its first refresh token. */
export async function createFamily(user: SessionUser, scope: Scope[], meta: FamilyMeta, now = new Date()): Promise<IssuedRefresh> {
  const refreshToken = generateRefreshToken();
  const expiresAt = new Date(now.getTime() + env.AUTH_SESSION_ABSOLUTE_MAX_AGE * 1000);
  const family = await getDb().apiTokenFamily.create({
    data: {
      userId: user.id,
      scope: scope.join(" "),
      deviceName: meta.deviceName,
      userAgent: meta.userAgent,
      ip: meta.ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      tokens: { create: { tokenHash: hashSessionToken(refreshToken), createdAt: now, expiresAt: refreshExpiry(now, expiresAt) } },
    },
    select: { id: true },
  });
  return { familyId: family.id, refreshToken, scope, user };
}

/** Revokes a live family; true when this call revoked it (false: unknown, or already revoked). */
export async function revokeFamily(familyId: string, reason: string, now = new Date()): Promise<boolean> {
  const { count } = await getDb().apiTokenFamily.updateMany({
    where: { id: familyId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count === 1;
}

/** Uses a refresh token once: the next token of its family, or why not. */
export async function rotateRefreshToken(refreshToken: string, now = new Date()): Promise<RefreshResult> {
  const db = getDb();
  const tokenHash = hashSessionToken(refreshToken);
  const row = await db.apiRefreshToken.findUnique({
    where: { tokenHash },
    select: {
      usedAt: true,
      expiresAt: true,
      family: { select: { id: true, scope: true, revokedAt: true, expiresAt: true, user: { select: USER_SELECT } } },
    },
  });
  if (!row) return { ok: false, reason: "unknown" };
  const { family } = row;
  const refused = (reason: RefreshRefusal): RefreshResult => ({ ok: false, reason, familyId: family.id, userId: family.user.id });
  if (family.revokedAt) return refused("revoked");
  if (row.usedAt) return reuse(family.id, family.user.id, now);
  if (family.user.disabledAt) return refused("revoked");
  if (row.expiresAt <= now || family.expiresAt <= now) return refused("expired");
  const scope = parseScope(family.scope);
  if (!scope) return refused("revoked");
  // The one atomic step: only a request that finds the token still unused (and its family live) wins.
  const claimed = await db.apiRefreshToken.updateMany({
    where: { tokenHash, usedAt: null, family: { revokedAt: null } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return reuse(family.id, family.user.id, now);
  const next = generateRefreshToken();
  await db.apiRefreshToken.create({
    data: { tokenHash: hashSessionToken(next), familyId: family.id, createdAt: now, expiresAt: refreshExpiry(now, family.expiresAt) },
  });
  await db.apiTokenFamily.update({ where: { id: family.id }, data: { lastSeenAt: now } });
  const { disabledAt: _disabled, ...user } = family.user;
  return { ok: true, issued: { familyId: family.id, refreshToken: next, scope, user } };
}

async function reuse(familyId: string, userId: string, now: Date): Promise<RefreshResult> {
  if (await revokeFamily(familyId, "refresh_token_reuse", now)) {
    await recordActivity({ type: "api.refresh_reused", userId, session: familyRef(familyId), detail: { action: "family revoked" } });
  }
  return { ok: false, reason: "reused", familyId, userId };
}

/** The family behind an access token's `sid`, with its user, while both are live; null otherwise. */
export async function liveFamily(
  familyId: string,
  userId: string,
  now = new Date(),
): Promise<{ user: SessionUser; familyId: string } | null> {
  const family = await getDb().apiTokenFamily.findUnique({
    where: { id: familyId },
    select: { userId: true, revokedAt: true, expiresAt: true, user: { select: USER_SELECT } },
  });
  if (!family || family.userId !== userId || family.revokedAt || family.expiresAt <= now || family.user.disabledAt) return null;
  const { disabledAt: _disabled, ...user } = family.user;
  return { user, familyId };
}

/** The family a refresh token belongs to, used or not (RFC 7009 revocation); null when unknown. */
export async function familyOfRefreshToken(refreshToken: string): Promise<{ familyId: string; userId: string } | null> {
  const row = await getDb().apiRefreshToken.findUnique({
    where: { tokenHash: hashSessionToken(refreshToken) },
    select: { family: { select: { id: true, userId: true } } },
  });
  return row ? { familyId: row.family.id, userId: row.family.userId } : null;
}

export type FamilyRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  deviceName: string | null;
  userAgent: string | null;
  ip: string | null;
};

/** A user's live families, newest first (for /sessions and the admin user page). */
export async function listLiveFamilies(userId: string, now = new Date()): Promise<FamilyRow[]> {
  const rows = await getDb().apiTokenFamily.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, deviceName: true, userAgent: true, ip: true },
  });
  return rows.map(({ expiresAt, ...row }) => ({ ...row, expires: expiresAt }));
}

/** Revokes one of `userId`'s live families; true when it was theirs and live. */
export async function revokeFamilyOf(userId: string, familyId: string, reason: string, now = new Date()): Promise<boolean> {
  const { count } = await getDb().apiTokenFamily.updateMany({
    where: { id: familyId, userId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count === 1;
}

/** Revokes every live family of `userId`; returns the revoked ids. */
export async function revokeFamiliesOf(userId: string, reason: string, now = new Date()): Promise<string[]> {
  const db = getDb();
  const live = await db.apiTokenFamily.findMany({ where: { userId, revokedAt: null }, select: { id: true } });
  if (!live.length) return [];
  const ids = live.map((row) => row.id);
  await db.apiTokenFamily.updateMany({ where: { id: { in: ids }, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return ids;
}
