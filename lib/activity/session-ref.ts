import { createHash } from "node:crypto";

/**
 * The session reference an activity row carries: a short hash of the session's stored hash (itself
 * SHA-256 of the cookie token or sid). It groups events by session; it cannot be turned back into the
 * stored hash, let alone the token.
 */
export function sessionRefOf(storedHash: string): string {
  return createHash("sha256").update(`activity-session-ref:${storedHash}`, "utf8").digest("hex").slice(0, 16);
}
