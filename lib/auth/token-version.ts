import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { getDb } from "@/lib/db";
import type { SessionUser } from "./types";

// AUTH_JWT_REVOCATION=version: each token carries the user's `tokenVersion` from when it was issued
// (claim `ver`), and every request reads the user's row and refuses a token whose version is not the
// current one. Bumping the version ends every token of the user at once; no single one can be ended
// alone (there is no per-token record), except this browser's, whose token is re-issued with the new
// version so that "sign out my other devices" keeps it signed in.

export type VersionedUser = SessionUser & { tokenVersion: number };

/** The one read per request: the user's claims and token version, or null when the account is gone or disabled. */
export async function findActiveUserVersion(userId: string): Promise<VersionedUser | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, disabledAt: true, tokenVersion: true },
  });
  if (!user || user.disabledAt) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion };
}

/** Ends every token of the user: the next request of each is refused. False when there is no such user. */
export async function bumpTokenVersion(userId: string): Promise<boolean> {
  const { count } = await getDb().user.updateMany({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
  return count === 1;
}

/**
 * Bumps the version only if it is still `from` (the version of the token asking), and returns the new
 * one; null when it moved meanwhile (that token is already ended) or the user is gone.
 */
export async function bumpTokenVersionFrom(userId: string, from: number): Promise<number | null> {
  const { count } = await getDb().user.updateMany({
    where: { id: userId, tokenVersion: from, disabledAt: null },
    data: { tokenVersion: { increment: 1 } },
  });
  return count === 1 ? from + 1 : null;
}

// A server action asks the jwt callback to bump the version and re-issue this browser's token with it,
// through AsyncLocalStorage as lib/progress/token-update.ts does: a posted update can never ask for it.
type Rotation = { rotated: boolean };
const pendingRotation = new AsyncLocalStorage<Rotation>();

/** Runs `update` (Auth.js unstable_update) asking for a rotation; true when this token now carries the new version. */
export async function runVersionRotation(update: () => Promise<unknown>): Promise<boolean> {
  const rotation: Rotation = { rotated: false };
  await pendingRotation.run(rotation, update);
  return rotation.rotated;
}

/** For the jwt callback on trigger "update": the rotation a server action asked for, if any. */
export function requestedRotation(): Rotation | undefined {
  return pendingRotation.getStore();
}
