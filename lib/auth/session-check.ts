import "server-only";
import { getToken, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { benchControlSession, isBenchControl } from "./bench-control";
import { sessionCookieName, usesSecureCookies } from "./cookies";
import { rememberToken, sessionCookieValue } from "./current-token";
import { HANDOFF_HEADER, openHandoff } from "./handoff";
import { decodeSessionTokenNow } from "./jwt";
import { jwtCallback } from "./jwt-callback";
import { authLogger } from "./logger";
import { checksTokenVersion } from "./mode";
import { reissueDue } from "./refresh";
import { findLiveSession } from "./session-rows";
import type { SessionUser, VerifiedSession } from "./types";

// The read path: what Auth.js's session action does for `auth()`, without what a read does not need.
// Auth.js stays the engine for sign-in, sign-out, token updates, its endpoints and every re-issue of a
// cookie; a page, an action or proxy.ts asks here whether a request is signed in. Each step is Auth.js's
// own, in its order (@auth/core/lib/actions/session.js):
// - the cookie: Auth.js's own reader (getToken with raw: true: its cookie parser, its chunk joining);
// - database mode: the adapter's getSessionAndUser (findLiveSession: one read; a write only when the
//   expiry slides, at most once per update age, or lastSeenAt is a minute old), then the session callback's DTO;
// - jwt modes: jwt.decode (lib/auth/jwe.ts, the same decoder Auth.js is configured with), then the same
//   jwt callback (lifetime, registry or stateless re-check), then the session callback's DTO.
// What it leaves out is the re-encryption of the token and the Set-Cookie that follows it: a page cannot
// set cookies, and proxy.ts hands a page load to Auth.js when a re-issue is due (lib/auth/refresh.ts).
// lib/auth/session-check.test.ts runs this and Auth.js side by side on the same cookies.

export type SessionCheck = {
  session: VerifiedSession | null;
  /** jwt modes: the token after the jwt callback, for the rest of the request. */
  token: JWT | null;
  /** database mode: this read moved the session's idle expiry (at most once per update age). */
  slid: boolean;
  /**
   * database mode: a page load may set the same cookie again with a fresh expiry, as Auth.js's session
   * action does on every check. Always, not only when this read slid the row: a prefetch or a server
   * action may have slid it without setting the cookie, and the browser must not drop a live session.
   */
  renewCookie: boolean;
  /** jwt modes, asked with `deferReissue`: the token is due to be re-issued, which is Auth.js's to do; nothing was checked. */
  reissueDue: boolean;
};

const NO_SESSION: SessionCheck = { session: null, token: null, slid: false, renewCookie: false, reissueDue: false };

export function currentSessionCookieName(): string {
  return sessionCookieName(usesSecureCookies(env.AUTH_URL));
}

/** The session cookie's value from a Cookie header, read exactly as Auth.js reads it (chunks joined), or null. */
export async function sessionCookieFromHeader(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  // Only the Cookie header: getToken would otherwise fall back to an Authorization bearer token.
  const value = await getToken({ req: { headers: { cookie: cookieHeader } }, cookieName: currentSessionCookieName(), raw: true });
  return value || null;
}

function dto(user: SessionUser, expires: Date | string): VerifiedSession {
  const { id, name, email, role } = user;
  return { user: { id, name, email, role }, expires: typeof expires === "string" ? expires : expires.toISOString() };
}

/**
 * The session of a cookie value, as Auth.js's session action would find it. proxy.ts passes
 * `deferReissue`: a jwt due to be re-issued then comes back unchecked, for Auth.js to check and re-issue.
 */
export async function checkSessionCookie(value: string | null, { deferReissue = false } = {}): Promise<SessionCheck> {
  if (!value) return NO_SESSION;
  if (env.AUTH_SESSION_STRATEGY === "database") {
    const live = await findLiveSession(value);
    if (!live) return NO_SESSION;
    return { session: dto(live.user, live.session.expires), token: null, slid: live.slid, renewCookie: true, reissueDue: false };
  }
  const decoded = decodeSessionTokenNow(value, currentSessionCookieName());
  if (!decoded) return NO_SESSION;
  if (deferReissue && reissueDue(decoded)) return { ...NO_SESSION, reissueDue: true };
  const token = await jwtCallback({ token: decoded });
  if (!token?.sub) return NO_SESSION;
  const user: SessionUser = { id: token.sub, name: token.name ?? null, email: token.email ?? "", role: token.role ?? "USER" };
  // The cookie is not re-issued on a read: the session lasts until the token's own expiry.
  const expires = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(Date.now() + env.AUTH_SESSION_MAX_AGE * 1000);
  rememberToken(token);
  return { session: dto(user, expires), token, slid: false, renewCookie: false, reissueDue: false };
}

/**
 * With a token version, a server action may re-issue this browser's token with a bumped version ("sign
 * out my other devices", a password change) and then re-render the page in the same request: the Cookie
 * header still carries the token the bump has just ended, while Next.js's cookies() carries the one the
 * action set. That one is checked instead (through the full check all the same).
 */
async function reissuedByThisRequest(fromHeader: string): Promise<string | null> {
  if (!checksTokenVersion()) return null;
  const fromJar = await sessionCookieValue();
  return fromJar && fromJar !== fromHeader ? fromJar : null;
}

/**
 * The session of a page render or server action: the one proxy.ts checked and handed over
 * (lib/auth/handoff.ts), or else checked here. An error reads as "no session", as it does in
 * Auth.js's session action; a database outage is reported by the adapter (lib/db.ts) all the same.
 */
export async function checkRequestSession(headers: Headers): Promise<VerifiedSession | null> {
  const fromHeader = await sessionCookieFromHeader(headers.get("cookie"));
  if (!fromHeader) return null;
  const value = (await reissuedByThisRequest(fromHeader)) ?? fromHeader;
  if (isBenchControl(headers)) {
    const control = await benchControlSession(value, async () => {
      const { session, token } = await checkSessionCookie(value);
      return session ? { session, token } : null;
    });
    if (control?.token) rememberToken(control.token);
    return control?.session ?? null;
  }
  const handed = openHandoff(headers.get(HANDOFF_HEADER), value);
  if (handed) {
    if (handed.token) rememberToken(handed.token);
    return handed.session;
  }
  try {
    return (await checkSessionCookie(value)).session;
  } catch (error) {
    authLogger.error?.(error instanceof Error ? error : new Error(String(error)));
    return null;
  }
}
