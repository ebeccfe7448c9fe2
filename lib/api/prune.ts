import { getDb } from "@/lib/db";
import { ACCESS_TOKEN_TTL_SECONDS } from "./tokens";

// Removing API sign-ins (refresh-token families, lib/api/families.ts) that can do nothing any more, with
// every refresh token they issued. Used by `npm run sessions:prune` and the opportunistic prune at sign-in.
// No "server-only" here: the CLI imports it.

export type ApiPruneResult = { expired: number; revoked: number };

/**
 * Deletes families past their absolute lifetime, and revoked families once the last access token they
 * could have issued has expired too (until then a service holding one may still ask about it). Live
 * families keep their used refresh tokens: presenting one again is how reuse is detected.
 */
export async function pruneApiFamilies(now = new Date()): Promise<ApiPruneResult> {
  const db = getDb();
  const expired = await db.apiTokenFamily.deleteMany({ where: { expiresAt: { lte: now } } });
  const revoked = await db.apiTokenFamily.deleteMany({
    where: { revokedAt: { lte: new Date(now.getTime() - ACCESS_TOKEN_TTL_SECONDS * 1000) } },
  });
  return { expired: expired.count, revoked: revoked.count };
}
