import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { userCheckDue } from "./freshness";

// The sliding idle timeout is kept in proxy.ts, the one place a page load can set a cookie.
//
// Database mode: the cookie value never changes; the read path (lib/auth/session-check.ts) moves the
// row's expiry once per AUTH_SESSION_UPDATE_AGE, and proxy.ts sets the same cookie again with a fresh
// expiry on every page load. A refreshed copy that lands late carries the same token, worthless once its
// row is gone.
//
// JWT modes: each refresh is a new token. One that lands after a sign-out or an onboarding save would
// bring the older token back, so a token is re-issued only once its user was last read from the database
// AUTH_SESSION_UPDATE_AGE ago (its `checkedAt` claim, lib/auth/freshness.ts): at most once per update age
// per session, instead of on every page load. The jwt callback re-checks the user on the same claim, so
// the re-issued token carries the user's current role, or the session ends. Not `iat`: every read of
// /api/auth/session re-encodes the token with a fresh one, which would keep a polled token from ever
// being due.

/** jwt modes: whether proxy.ts should hand this page load to Auth.js to re-issue the token. */
export function reissueDue(token: JWT, now = Date.now()): boolean {
  return userCheckDue(token.checkedAt, env.AUTH_SESSION_UPDATE_AGE, now);
}
