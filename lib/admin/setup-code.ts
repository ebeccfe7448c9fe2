import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { normaliseSetupCode, SETUP_CODE_ALPHABET, SETUP_CODE_LENGTH } from "@/lib/forms/setup";
import { hasActiveAdmin, promoteIfNoActiveAdmin } from "./roles";

// The one-time admin setup code: while no active admin exists, each server start prints a fresh code to
// its log (whoever reads the log runs the server), and a signed-in user who enters it at /setup becomes
// the admin. Only the code's SHA-256 is stored; a code works once, and not after it expires or once an
// admin exists. No "server-only" here: the admin CLI imports it to discard codes.

/** 20 characters of the base32 alphabet from a CSPRNG: 100 bits. */
export function generateSetupCode(): string {
  // 256 is a multiple of 32, so each byte's low five bits are uniformly distributed.
  return [...randomBytes(SETUP_CODE_LENGTH)].map((byte) => SETUP_CODE_ALPHABET.charAt(byte & 31)).join("");
}

export function hashSetupCode(code: string): string {
  return createHash("sha256").update(normaliseSetupCode(code), "utf8").digest("hex");
}

export type IssuedSetupCode = { code: string; expiresAt: Date };

/**
 * A new setup code valid for ADMIN_SETUP_CODE_MAX_AGE, or null when an active admin exists. Codes that
 * have expired are removed; others still running out their time keep working (another instance printed them).
 */
export async function issueSetupCode(now = new Date()): Promise<IssuedSetupCode | null> {
  if (await hasActiveAdmin()) return null;
  const db = getDb();
  await db.adminSetupCode.deleteMany({ where: { expiresAt: { lte: now } } });
  const code = generateSetupCode();
  const expiresAt = new Date(now.getTime() + env.ADMIN_SETUP_CODE_MAX_AGE * 1000);
  await db.adminSetupCode.create({ data: { codeHash: hashSetupCode(code), createdAt: now, expiresAt } });
  return { code, expiresAt };
}

export type RedeemResult = { ok: true } | { ok: false; reason: "invalid" | "admin_exists" };

const INVALID: RedeemResult = { ok: false, reason: "invalid" };

/**
 * Makes `userId` the admin if `code` is a live setup code and no active admin exists. The code is used
 * up by one conditional DELETE, so of two redemptions of one code only one goes on; the promotion is
 * conditional too (lib/admin/roles.ts), so two different codes cannot make two admins either.
 */
export async function redeemSetupCode(userId: string, code: string, now = new Date()): Promise<RedeemResult> {
  if (await hasActiveAdmin()) return { ok: false, reason: "admin_exists" };
  const db = getDb();
  const given = Buffer.from(hashSetupCode(code), "hex");
  const live = await db.adminSetupCode.findMany({ where: { expiresAt: { gt: now } }, select: { id: true, codeHash: true } });
  // Every live code is compared, each in constant time: how long this takes says nothing about a guess.
  let match: string | null = null;
  for (const row of live) {
    const stored = Buffer.from(row.codeHash, "hex");
    if (stored.length === given.length && timingSafeEqual(stored, given)) match = row.id;
  }
  if (!match) return INVALID;
  const claimed = await db.adminSetupCode.deleteMany({ where: { id: match, expiresAt: { gt: now } } });
  if (claimed.count !== 1) return INVALID; // another redemption used it a moment ago
  if (!(await promoteIfNoActiveAdmin(userId, now))) return { ok: false, reason: "admin_exists" };
  await discardSetupCodes();
  return { ok: true };
}

/** Removes every setup code: once an admin exists, none may work. Returns how many there were. */
export async function discardSetupCodes(): Promise<number> {
  return (await getDb().adminSetupCode.deleteMany({})).count;
}
