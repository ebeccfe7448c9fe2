import "server-only";
import { recordActivity } from "@/lib/activity/record";
import type { SessionUser } from "@/lib/auth/types";
import { describeUserAgent } from "@/lib/user-agent";
import { currentSessionHash } from "./current-token";
import { update } from "./index";
import { checksTokenVersion, serverKeepsSessions } from "./mode";
import { deleteSessionByHash, deleteSessionOf, deleteSessionsOf, listSessionRows } from "./session-rows";
import { bumpTokenVersion, runVersionRotation } from "./token-version";

// "Your sessions": the same Session table serves database mode and jwt mode with a sid registry.
// Stateless jwt mode has no list: there is nothing on the server to list or revoke. jwt mode with a
// token version has no list either, but can end all of a user's tokens at once (a bump), and all but
// this browser's (a bump that re-issues this token with the new version). Counts are then unknown: null.

export type SessionView = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  device: string;
  ip: string | null;
  current: boolean;
};

export async function listSessions(user: SessionUser): Promise<SessionView[]> {
  if (!serverKeepsSessions()) return [];
  const [rows, currentHash] = await Promise.all([listSessionRows(user.id), currentSessionHash()]);
  return rows
    .map(({ tokenHash, userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: tokenHash === currentHash }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

type RevokeScope = "one" | "others" | "all";

async function recordRevoked(userId: string, actorId: string, hashes: string[], scope: RevokeScope): Promise<void> {
  for (const hash of hashes) {
    await recordActivity({
      type: "session.revoked",
      userId,
      actorId,
      session: { hash },
      detail: { scope, by: actorId === userId ? "self" : "admin" },
    });
  }
}

/** Revokes one of `owner`'s sessions on behalf of `actor` (the owner or an admin); false when the id is not one of theirs. */
export async function revokeSessionOf(ownerId: string, sessionId: string, actorId: string): Promise<boolean> {
  if (!serverKeepsSessions()) return false;
  const hash = await deleteSessionOf(ownerId, sessionId);
  if (!hash) return false;
  await recordRevoked(ownerId, actorId, [hash], "one");
  return true;
}

/** Revokes one of the user's own sessions; false when the id is not one of theirs. */
export async function revokeSession(user: SessionUser, sessionId: string): Promise<boolean> {
  return revokeSessionOf(user.id, sessionId, user.id);
}

/** Revokes every session of the user but this one; returns how many (null: every other one, uncounted). */
export async function revokeOtherSessions(user: SessionUser): Promise<number | null> {
  if (checksTokenVersion()) {
    // The bump happens inside the jwt callback, which re-issues this browser's token with the new version.
    if (!(await runVersionRotation(() => update({})))) return 0;
    await recordActivity({
      type: "session.revoked",
      userId: user.id,
      actorId: user.id,
      session: null,
      detail: { scope: "others", by: "self" },
    });
    return null;
  }
  if (!serverKeepsSessions()) return 0;
  const currentHash = await currentSessionHash();
  if (!currentHash) return 0;
  const hashes = await deleteSessionsOf(user.id, currentHash);
  await recordRevoked(user.id, user.id, hashes, "others");
  return hashes.length;
}

/** Revokes every session of `ownerId`, on behalf of `actorId`; returns how many (null: every one, uncounted). */
export async function revokeAllSessionsOf(ownerId: string, actorId: string): Promise<number | null> {
  if (checksTokenVersion()) {
    if (!(await bumpTokenVersion(ownerId))) return 0;
    await recordActivity({
      type: "session.revoked",
      userId: ownerId,
      actorId,
      session: null,
      detail: { scope: "all", by: actorId === ownerId ? "self" : "admin" },
    });
    return null;
  }
  if (!serverKeepsSessions()) return 0;
  const hashes = await deleteSessionsOf(ownerId, null);
  await recordRevoked(ownerId, actorId, hashes, "all");
  return hashes.length;
}

/** Revokes every session of the user, this one included. */
export async function revokeAllSessions(user: SessionUser): Promise<number | null> {
  return revokeAllSessionsOf(user.id, user.id);
}

/**
 * Ends the session stored under `hash` because it made too many wrong current-password checks: its row
 * goes (database mode, jwt with a registry; a stateless token cannot be ended on the server), and the
 * trail records why. The caller also clears the cookie (signOut). With a token version this one token
 * cannot be ended alone, and whoever holds it may hold copies: every token of the user ends.
 */
export async function endSessionAfterPasswordFailures(userId: string, hash: string | null): Promise<void> {
  if (checksTokenVersion()) await bumpTokenVersion(userId);
  else if (serverKeepsSessions() && hash) await deleteSessionByHash(userId, hash);
  await recordActivity({
    type: "session.revoked",
    userId,
    session: hash ? { hash } : null,
    detail: { scope: "one", by: "self", reason: "password_checks" },
  });
}

/** Any user's active sessions, for the admin view (no "this device" marker). */
export async function listSessionsOf(userId: string): Promise<SessionView[]> {
  if (!serverKeepsSessions()) return [];
  const rows = await listSessionRows(userId);
  return rows.map(({ tokenHash: _hash, userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: false }));
}
