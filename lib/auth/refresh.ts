import "server-only";
import { env } from "@/lib/env";
import { decodeSessionToken } from "./jwt";
import { userCheckDue } from "./freshness";
import { joinSessionCookie, sessionCookieName, usesSecureCookies } from "./cookies";

// The sliding idle timeout is kept in proxy.ts, the one place a page load can set a cookie.
//
// Database mode: the cookie value never changes, so Auth.js may check and refresh it on every page
// load; a refreshed copy that lands late carries the same token, worthless once its row is gone.
//
// JWT modes: each refresh is a new token. One that lands after a sign-out or an onboarding save would
// bring the older token back, so a token is re-issued only once its user was last read from the database
// AUTH_SESSION_UPDATE_AGE ago (its `checkedAt` claim, lib/auth/freshness.ts): at most once per update age
// per session, instead of on every page load. The jwt callback re-checks the user on the same claim, so
// the re-issued token carries the user's current role, or the session ends. Not `iat`: every read of
// /api/auth/session re-encodes the token with a fresh one, which would keep a polled token from ever
// being due.

/** Whether proxy.ts should hand this page load to Auth.js to refresh (or clear) the session cookie. */
export async function proxyRefreshDue(cookies: readonly { name: string; value: string }[], now = Date.now()): Promise<boolean> {
  if (env.AUTH_SESSION_STRATEGY === "database") return true;
  const name = sessionCookieName(usesSecureCookies(env.AUTH_URL));
  const value = joinSessionCookie(cookies, name);
  if (!value) return false;
  const token = await decodeSessionToken({ token: value, salt: name }).catch(() => null);
  // Unreadable or expired: Auth.js clears the cookie.
  if (!token) return true;
  return userCheckDue(token.checkedAt, env.AUTH_SESSION_UPDATE_AGE, now);
}
