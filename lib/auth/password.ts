import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";
import { passwordJobs } from "./password-threads";

// bcrypt reads only the first 72 bytes of its input. Passwords are first reduced to a fixed
// 44-character HMAC-SHA256 digest (base64), so a long passphrase is used in full and never truncated.
// The optional pepper is the HMAC key; changing it invalidates every stored hash.

export function prehash(password: string, pepper: string): string {
  return createHmac("sha256", pepper || "auth-modes/password/v1")
    .update(password, "utf8")
    .digest("base64");
}

export async function hashPassword(password: string, options: { cost: number; pepper: string }): Promise<string> {
  return (await passwordJobs.run({ op: "hash", input: prehash(password, options.pepper), cost: options.cost })) as string;
}

export async function verifyPassword(password: string, hash: string, pepper: string): Promise<boolean> {
  return (await passwordJobs.run({ op: "compare", input: prehash(password, pepper), hash })) as boolean;
}

/**
 * True when a stored hash was made at another cost than the configured one (or is not a bcrypt hash we
 * can read): it is rehashed at the next successful sign-in, so a cost change reaches every active account
 * and an unknown email (compared against a hash of the current cost) costs what a known one does.
 */
export function needsRehash(hash: string, cost: number): boolean {
  try {
    return bcrypt.getRounds(hash) !== cost;
  } catch {
    return true;
  }
}

// Compared against when the email is unknown, so both paths do one bcrypt compare (no timing oracle).
const dummyHashes = new Map<number, Promise<string>>();

export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = passwordJobs.run({ op: "hash", input: "auth-modes: no such user", cost }) as Promise<string>;
    dummyHashes.set(cost, hash);
  }
  return hash;
}
