import { AsyncLocalStorage } from "node:async_hooks";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";
import { authSecrets, env } from "@/lib/env";
import { decodeJwe, encodeJwe, JweRefused, VerifiedTokens } from "./jwe";

// The session JWE, encoded and decoded the one way this app accepts (RFC 8725 §3.1–3.2): `alg: dir`
// with `enc: A256CBC-HS512`, keys derived from AUTH_SECRET (and AUTH_SECRET_1..3 while rotating).
// Auth.js's decode alone also takes `enc: A256GCM`; anything but the one pair, or a header that names
// its own key (`jwk`, `jku`, `x5u`, `x5c`) or demands extensions (`crit`), is refused before decrypting.
// The work is lib/auth/jwe.ts's: Auth.js's format on node:crypto with the derived keys cached, which
// lib/auth/jwe.test.ts checks against Auth.js's own encode and decode.

export { SESSION_JWE } from "./jwe";

/** Auth.js passes its own `secret`; it is ignored in favour of the configured list. */
type WithoutSecret<T extends { secret: unknown }> = Omit<T, "secret"> & Partial<Pick<T, "secret">>;

/**
 * The tokens this process has accepted (lib/auth/jwe.ts, VerifiedTokens): a page load, then each of its
 * server actions, present the same token again and again, and its bytes decrypt to the same claims every
 * time. Shared through globalThis by proxy.ts's bundle and the pages'. AUTH_SESSION_CACHE_TTL_MS=0, which
 * turns the session cache off, turns this one off too, so that every check does all its work.
 */
export const VERIFIED_TOKENS_MAX = 5_000;
const VERIFIED = Symbol.for("auth-modes.verified-tokens");
const holder = globalThis as { [VERIFIED]?: VerifiedTokens };

const bypassed = new AsyncLocalStorage<true>();

/** Runs `work` with every token decrypted and authenticated again (/inspect times a check of its own). */
export function withoutTokenCache<T>(work: () => Promise<T>): Promise<T> {
  return bypassed.run(true, work);
}

export function verifiedTokens(): VerifiedTokens | undefined {
  if (env.AUTH_SESSION_CACHE_TTL_MS === 0 || bypassed.getStore()) return undefined;
  holder[VERIFIED] ??= new VerifiedTokens(VERIFIED_TOKENS_MAX);
  return holder[VERIFIED];
}

/** The claims of a session token, or null for anything not issued the way this app issues tokens, or not under one of its secrets. */
export function decodeSessionTokenNow(token: string | undefined, salt: string): JWT | null {
  if (!token) return null;
  try {
    return decodeJwe({ token, secrets: authSecrets(), salt, verified: verifiedTokens() }) as JWT;
  } catch (error) {
    if (error instanceof JweRefused) return null;
    throw error;
  }
}

/** Auth.js `jwt.decode`. */
export async function decodeSessionToken(params: WithoutSecret<JWTDecodeParams>): Promise<JWT | null> {
  return decodeSessionTokenNow(params.token, params.salt);
}

/** Auth.js `jwt.encode`: always under the newest secret. */
export async function encodeSessionToken(params: WithoutSecret<JWTEncodeParams>): Promise<string> {
  return encodeJwe({ token: params.token ?? {}, secrets: authSecrets(), salt: params.salt, maxAge: params.maxAge });
}
