import { createHash, randomBytes } from "node:crypto";

/** 256 bits from the CSPRNG, base64url: the opaque value a database-mode cookie carries. */
export function generateSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the Session table stores instead of the token, so a database leak yields no live session. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}
