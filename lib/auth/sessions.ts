import "server-only";
import type { SessionUser } from "@/lib/auth/types";
import { env } from "@/lib/env";
import { describeUserAgent } from "@/lib/user-agent";
import { currentToken, sessionCookieValue } from "./current-token";
import { currentModeId } from "./mode";
import { deleteSessionOf, deleteSessionsOf, listSessionRows } from "./session-rows";
import { hashSessionToken } from "./session-token";

// "Your sessions": the same Session table serves database mode and jwt mode with a sid registry.
// Stateless jwt mode has no list: there is nothing on the server to list or revoke.

export type SessionView = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  device: string;
  ip: string | null;
  current: boolean;
};

export function sessionListAvailable(): boolean {
  return currentModeId() !== "jwt-stateless";
}

/** The stored hash of this request's session: of the cookie token (database) or the token's sid (jwt). */
async function currentSessionHash(): Promise<string | null> {
  if (env.AUTH_SESSION_STRATEGY === "database") {
    const value = await sessionCookieValue();
    return value ? hashSessionToken(value) : null;
  }
  const sid = (await currentToken())?.sid;
  return sid ? hashSessionToken(sid) : null;
}

export async function listSessions(user: SessionUser): Promise<SessionView[]> {
  if (!sessionListAvailable()) return [];
  const [rows, currentHash] = await Promise.all([listSessionRows(user.id), currentSessionHash()]);
  return rows
    .map(({ tokenHash, userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: tokenHash === currentHash }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Revokes one of the user's own sessions; false when the id is not one of theirs. */
export async function revokeSession(user: SessionUser, sessionId: string): Promise<boolean> {
  if (!sessionListAvailable()) return false;
  return deleteSessionOf(user.id, sessionId);
}

/** Revokes every session of the user but this one; returns how many. */
export async function revokeOtherSessions(user: SessionUser): Promise<number> {
  if (!sessionListAvailable()) return 0;
  const currentHash = await currentSessionHash();
  return currentHash ? deleteSessionsOf(user.id, currentHash) : 0;
}

/** Revokes every session of the user, this one included. */
export async function revokeAllSessions(user: SessionUser): Promise<number> {
  if (!sessionListAvailable()) return 0;
  return deleteSessionsOf(user.id, null);
}
