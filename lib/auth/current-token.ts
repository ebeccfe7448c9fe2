import "server-only";
import type { JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "@/lib/env";
import { joinSessionCookie, sessionCookieName, usesSecureCookies } from "./cookies";
import { decodeSessionToken } from "./jwt";
import { hashSessionToken } from "./session-token";

// In a page render, the jwt callback has just decrypted the token for auth(); keeping it for the rest
// of the render saves a second decryption. React's request cache does not span a server action, so
// there the token is decrypted from the cookie when asked for.
const slot = cache((): { token: JWT | null } => ({ token: null }));

export function rememberToken(token: JWT): void {
  slot().token = token;
}

/** This request's session cookie value (its chunks joined), or null. */
export async function sessionCookieValue(): Promise<string | null> {
  return joinSessionCookie((await cookies()).getAll(), sessionCookieName(usesSecureCookies(env.AUTH_URL)));
}

/** The decrypted session token of this request (jwt mode), or null when there is none or it is invalid. */
export async function currentToken(): Promise<JWT | null> {
  const remembered = slot().token;
  if (remembered) return remembered;
  const value = await sessionCookieValue();
  if (!value) return null;
  try {
    return await decodeSessionToken({ token: value, salt: sessionCookieName(usesSecureCookies(env.AUTH_URL)) });
  } catch {
    return null;
  }
}

/** The stored hash of this request's session: of the cookie token (database) or the token's sid (jwt). */
export async function currentSessionHash(): Promise<string | null> {
  if (env.AUTH_SESSION_STRATEGY === "database") {
    const value = await sessionCookieValue();
    return value ? hashSessionToken(value) : null;
  }
  const sid = (await currentToken())?.sid;
  return sid ? hashSessionToken(sid) : null;
}
