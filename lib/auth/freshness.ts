// When a JWT's user was last read from the database. The `checkedAt` claim is set only where the jwt
// callback has just read the user (sign-in, a registry check, a stateless re-check), never by re-encoding
// alone, so a client that keeps a token busy (polling /api/auth/session re-encodes it with a fresh `iat`
// and `exp` every time) cannot keep it from being checked. The jwt callback (lib/auth/config.ts) and
// proxy.ts's refresh decision (lib/auth/refresh.ts) both decide from this one claim.

/** Seconds since the epoch, the unit of every JWT time claim. */
export function nowSeconds(now = Date.now()): number {
  return Math.floor(now / 1000);
}

/**
 * Whether the token's user must be read from the database again: never checked (a token from before
 * the claim existed), checked `updateAgeSeconds` or longer ago, or checked "in the future" (a clock
 * that moved back).
 */
export function userCheckDue(checkedAt: unknown, updateAgeSeconds: number, now = Date.now()): boolean {
  if (typeof checkedAt !== "number" || !Number.isFinite(checkedAt)) return true;
  if (checkedAt > nowSeconds(now)) return true;
  return (checkedAt + updateAgeSeconds) * 1000 <= now;
}
