import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword, needsRehash } from "./password";

/**
 * After a successful password check against `readHash`: when that hash was made at another cost than
 * AUTH_BCRYPT_COST, stores a new hash of `password` at the configured cost, so a cost change reaches every
 * active account (and an unknown email's dummy compare costs what a known one does again). The write is
 * conditional on the stored hash still being `readHash`: a password changed meanwhile is kept.
 * Returns true when a new hash was stored.
 */
export async function rehashIfCostChanged(userId: string, password: string, readHash: string): Promise<boolean> {
  if (!needsRehash(readHash, env.AUTH_BCRYPT_COST)) return false;
  const hash = await hashPassword(password, { cost: env.AUTH_BCRYPT_COST, pepper: env.PASSWORD_PEPPER });
  const { count } = await getDb().password.updateMany({ where: { userId, hash: readHash }, data: { hash } });
  return count === 1;
}
