import "server-only";
import { recordActivity } from "@/lib/activity/record";
import { familyRef, listLiveFamilies, revokeFamiliesOf, revokeFamilyOf, type FamilyRow } from "@/lib/api/families";
import type { SessionUser } from "@/lib/auth/types";
import { describeUserAgent } from "@/lib/user-agent";
import { currentSessionHash } from "./current-token";
import { update } from "./index";
import { checksTokenVersion, serverKeepsSessions } from "./mode";
import { deleteSessionByHash, deleteSessionOf, deleteSessionsOf, listSessionRows } from "./session-rows";
import { bumpTokenVersion, runVersionRotation } from "./token-version";

// "Your sessions": the same Session table serves database mode and jwt mode with a sid registry.
// Stateless jwt mode has no list of browser sessions: there is nothing on the server to list or revoke.
// jwt mode with a token version has none either, but can end all of a user's tokens at once (a bump),
// and all but this browser's (a bump that re-issues this token with the new version). Counts are then
// unknown: null. API sign-ins (lib/api/families.ts) are the server's own in every mode: listed (beside
// browser sessions where there are any, alone where not), revoked one by one, and ended by sign-out
// everywhere, a password change and a disabled account.

export type SessionView = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  device: string;
  ip: string | null;
  current: boolean;
  /** A browser session, or an API client's sign-in (a refresh-token family). */
  kind: "browser" | "api";
};

function apiView({ deviceName, userAgent, ...row }: FamilyRow): SessionView {
  return { ...row, device: `${deviceName || describeUserAgent(userAgent)} · API client`, current: false, kind: "api" };
}

async function revokeApiFamilies(ownerId: string, actorId: string, scope: RevokeScope, reason: string): Promise<number> {
  const ids = await revokeFamiliesOf(ownerId, reason);
  await recordRevoked(
    ownerId,
    actorId,
    ids.map((id) => familyRef(id).hash),
    scope,
  );
  return ids.length;
}

export async function listSessions(user: SessionUser): Promise<SessionView[]> {
  // With no record per browser sign-in, the API's sign-ins are still the server's own: listed alone.
  if (!serverKeepsSessions()) return (await listLiveFamilies(user.id)).map(apiView);
  const [rows, families, currentHash] = await Promise.all([listSessionRows(user.id), listLiveFamilies(user.id), currentSessionHash()]);
  return [
    ...rows.map(({ tokenHash, userAgent, ...row }): SessionView => ({
      ...row,
      device: describeUserAgent(userAgent),
      current: tokenHash === currentHash,
      kind: "browser",
    })),
    ...families.map(apiView),
  ].sort((a, b) => Number(b.current) - Number(a.current));
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
  const hash = serverKeepsSessions() ? await deleteSessionOf(ownerId, sessionId) : null;
  if (hash) {
    await recordRevoked(ownerId, actorId, [hash], "one");
    return true;
  }
  if (!(await revokeFamilyOf(ownerId, sessionId, actorId === ownerId ? "revoked" : "revoked_by_admin"))) return false;
  await recordRevoked(ownerId, actorId, [familyRef(sessionId).hash], "one");
  return true;
}

/** Revokes one of the user's own sessions; false when the id is not one of theirs. */
export async function revokeSession(user: SessionUser, sessionId: string): Promise<boolean> {
  return revokeSessionOf(user.id, sessionId, user.id);
}

/** Revokes every session of the user but this one, API sign-ins included; returns how many (null: every other one, uncounted). */
export async function revokeOtherSessions(user: SessionUser): Promise<number | null> {
  const families = await revokeApiFamilies(user.id, user.id, "others", "signed_out_others");
  if (checksTokenVersion()) {
    // The bump happens inside the jwt callback, which re-issues this browser's token with the new version.
    if (!(await runVersionRotation(() => update({})))) return families;
    await recordActivity({
      type: "session.revoked",
      userId: user.id,
      actorId: user.id,
      session: null,
      detail: { scope: "others", by: "self" },
    });
    return null;
  }
  if (!serverKeepsSessions()) return families;
  const currentHash = await currentSessionHash();
  if (!currentHash) return families;
  const hashes = await deleteSessionsOf(user.id, currentHash);
  await recordRevoked(user.id, user.id, hashes, "others");
  return hashes.length + families;
}

/** Revokes every session of `ownerId` (API sign-ins included), on behalf of `actorId`; returns how many (null: every one, uncounted). */
export async function revokeAllSessionsOf(ownerId: string, actorId: string): Promise<number | null> {
  const families = await revokeApiFamilies(ownerId, actorId, "all", actorId === ownerId ? "signed_out_everywhere" : "revoked_by_admin");
  if (checksTokenVersion()) {
    if (!(await bumpTokenVersion(ownerId))) return families;
    await recordActivity({
      type: "session.revoked",
      userId: ownerId,
      actorId,
      session: null,
      detail: { scope: "all", by: actorId === ownerId ? "self" : "admin" },
    });
    return null;
  }
  if (!serverKeepsSessions()) return families;
  const hashes = await deleteSessionsOf(ownerId, null);
  await recordRevoked(ownerId, actorId, hashes, "all");
  return hashes.length + families;
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
  if (!serverKeepsSessions()) return (await listLiveFamilies(userId)).map(apiView);
  const [rows, families] = await Promise.all([listSessionRows(userId), listLiveFamilies(userId)]);
  return [
    ...rows.map(({ tokenHash: _hash, userAgent, ...row }): SessionView => ({
      ...row,
      device: describeUserAgent(userAgent),
      current: false,
      kind: "browser",
    })),
    ...families.map(apiView),
  ];
}

/**
 * A password change ends every API sign-in of the account, whatever the browser strategy and the "sign
 * out other sessions" choice: they were made with the old password and hold long-lived refresh tokens.
 */
export async function endApiSignInsAfterPasswordChange(userId: string): Promise<number> {
  return revokeApiFamilies(userId, userId, "all", "password_changed");
}
