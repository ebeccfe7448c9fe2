import "server-only";
import type { JWT } from "next-auth/jwt";
import { recordActivity } from "@/lib/activity/record";
import { env } from "@/lib/env";
import { applyTokenUpdate } from "@/lib/progress/token-update";
import { findActiveUser } from "@/lib/users";
import { rememberToken } from "./current-token";
import { nowSeconds, userCheckDue } from "./freshness";
import { sessionEndReason } from "./lifetime";
import { checksTokenVersion, serverKeepsSessions } from "./mode";
import { createSessionRow, expireSessionRow, findLiveSession } from "./session-rows";
import { generateSessionToken, hashSessionToken } from "./session-token";
import { bumpTokenVersionFrom, findActiveUserVersion, requestedRotation } from "./token-version";

// The heart of jwt mode: Auth.js's `jwt` callback, run whenever a token is issued or read (sign-in, a
// page load, a server action, a client asking /api/auth/session). Four steps, top to bottom: issue at
// sign-in, check the lifetime, refresh the claims from the database when due, apply a server action's
// update. Returning null ends the session (Auth.js clears the cookie).

type SignedInUser = { id?: string; name?: string | null; email?: string | null; role?: JWT["role"] };

/** Step 1, at sign-in: a new token with its session id (a registry row in `sid` mode) or the user's token version. */
async function issueAtSignIn(user: SignedInUser & { id: string }): Promise<JWT | null> {
  // `version` mode: the token carries the user's current token version (one more read at sign-in).
  let ver: number | undefined;
  if (checksTokenVersion()) {
    const fresh = await findActiveUserVersion(user.id);
    if (!fresh) return null;
    ver = fresh.tokenVersion;
  }
  // Every token carries a sid: checked against the registry in `sid` mode; in the other modes it only
  // lets the activity trail group one session's events.
  const sid = serverKeepsSessions() ? await createSessionRow(user.id) : generateSessionToken();
  await recordActivity({ type: "signin.success", userId: user.id, session: { hash: hashSessionToken(sid) } });
  // authorize() has just read the user: the sign-in is the first check.
  const now = nowSeconds();
  const token: JWT = {
    sub: user.id,
    name: user.name ?? null,
    email: user.email,
    role: user.role ?? "USER",
    authTime: now,
    checkedAt: now,
    sid,
  };
  return ver === undefined ? token : { ...token, ver };
}

/**
 * Step 2: the idle timeout is the token's own expiry, to the second (jose's decode allows 15 s of clock
 * skew); the absolute lifetime counts from sign-in, however active the session has been. Returns false
 * when the session is over (its registry row, if any, is recorded as expired).
 */
async function withinLifetime(token: JWT): Promise<boolean> {
  const ended = token.authTime
    ? sessionEndReason(
        typeof token.exp === "number" ? token.exp * 1000 : Infinity,
        (token.authTime + env.AUTH_SESSION_ABSOLUTE_MAX_AGE) * 1000,
        nowSeconds() * 1000,
      )
    : "absolute";
  if (!ended) return true;
  if (serverKeepsSessions() && token.sid && token.sub) await expireSessionRow(token.sid, token.sub, ended);
  return false;
}

/**
 * `version` mode's step 3: one read of the user's row; a token whose version is not the current one is
 * over. A server action may ask (lib/auth/token-version.ts) to bump the version and carry the new one in
 * this token: every other token of the user ends, this one lives on.
 */
async function refreshVersionedClaims(token: JWT, trigger: string | undefined): Promise<JWT | null> {
  const fresh = token.sub ? await findActiveUserVersion(token.sub) : null;
  if (!fresh || typeof token.ver !== "number" || token.ver !== fresh.tokenVersion) return null;
  let ver = fresh.tokenVersion;
  const rotation = trigger === "update" ? requestedRotation() : undefined;
  if (rotation) {
    const bumped = await bumpTokenVersionFrom(fresh.id, ver);
    if (bumped === null) return null;
    ver = bumped;
    rotation.rotated = true;
  }
  return { ...token, name: fresh.name, email: fresh.email, role: fresh.role, ver, checkedAt: nowSeconds() };
}

/**
 * Step 3: the claims that can change on the server (name, email, role; a disabled account, a revoked
 * session). With a registry, every call checks it, so revocation and role changes apply at once; so
 * does the token version.
 * Stateless, the user is read again once the last read is AUTH_SESSION_UPDATE_AGE old, whoever runs
 * the callback, so a change reaches every copy of the token within that time of its next use;
 * re-encoding alone never moves `checkedAt` (lib/auth/freshness.ts). Null: the session is over.
 */
async function refreshClaims(token: JWT, trigger: string | undefined): Promise<JWT | null> {
  if (checksTokenVersion()) return refreshVersionedClaims(token, trigger);
  if (serverKeepsSessions()) {
    const live = token.sid ? await findLiveSession(token.sid) : null;
    if (!live) return null;
    return { ...token, name: live.user.name, email: live.user.email, role: live.user.role, checkedAt: nowSeconds() };
  }
  if (trigger !== "update" && !userCheckDue(token.checkedAt, env.AUTH_SESSION_UPDATE_AGE)) return token;
  const fresh = token.sub ? await findActiveUser(token.sub) : null;
  if (!fresh) return null;
  return { ...token, name: fresh.name, email: fresh.email, role: fresh.role, checkedAt: nowSeconds() };
}

/** Auth.js's `jwt` callback for jwt mode. */
export async function jwtCallback({ token, user, trigger }: { token: JWT; user?: SignedInUser; trigger?: string }): Promise<JWT | null> {
  if (user?.id) return issueAtSignIn({ ...user, id: user.id });
  if (!(await withinLifetime(token))) return null;
  let current = await refreshClaims(token, trigger);
  if (!current) return null;
  // Step 4: posted update data is never read; only a server action's command changes the token.
  if (trigger === "update") current = await applyTokenUpdate(current);
  rememberToken(current);
  return current;
}
