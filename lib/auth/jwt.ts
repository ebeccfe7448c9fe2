import { decode as authDecode, encode as authEncode, type JWT, type JWTDecodeParams, type JWTEncodeParams } from "next-auth/jwt";
import { authSecrets } from "@/lib/env";

// The session JWE, encoded and decoded the one way this app accepts (RFC 8725 §3.1–3.2): `alg: dir`
// with `enc: A256CBC-HS512`, keys derived from AUTH_SECRET (and AUTH_SECRET_1..3 while rotating).
// Auth.js's decode alone also takes `enc: A256GCM`; anything but the one pair, or a header that names
// its own key (`jwk`, `jku`, `x5u`, `x5c`) or demands extensions (`crit`), is refused before decrypting.

/** Auth.js passes its own `secret`; it is ignored in favour of the configured list. */
type WithoutSecret<T extends { secret: unknown }> = Omit<T, "secret"> & Partial<Pick<T, "secret">>;

export const SESSION_JWE = { alg: "dir", enc: "A256CBC-HS512" } as const;
const FORBIDDEN_HEADERS = ["jwk", "jku", "x5u", "x5c", "crit"] as const;

/** Whether a compact token's protected header is exactly what this app issues. */
export function hasAcceptedHeader(token: string): boolean {
  if (token.split(".").length !== 5) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf(".")), "base64url").toString("utf8"));
    if (!header || typeof header !== "object" || Array.isArray(header)) return false;
    const fields = header as Record<string, unknown>;
    return fields.alg === SESSION_JWE.alg && fields.enc === SESSION_JWE.enc && FORBIDDEN_HEADERS.every((name) => !Object.hasOwn(fields, name));
  } catch {
    return false;
  }
}

/** Auth.js `jwt.decode`: null for anything not issued the way this app issues tokens, or not under one of its secrets. */
export async function decodeSessionToken(params: WithoutSecret<JWTDecodeParams>): Promise<JWT | null> {
  if (!params.token || !hasAcceptedHeader(params.token)) return null;
  return authDecode({ ...params, secret: authSecrets() });
}

/** Auth.js `jwt.encode`: always under the newest secret. */
export async function encodeSessionToken(params: WithoutSecret<JWTEncodeParams>): Promise<string> {
  return authEncode({ ...params, secret: authSecrets() });
}
