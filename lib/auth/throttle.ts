import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

// Sign-in throttling keyed on the account (the email as typed, known or not, so throttling says nothing
// about which accounts exist) and on the client IP. After `limit` failures within the window, that key
// waits `backoff` seconds, doubled for each further failure, capped at 15 minutes: a back-off, never a
// permanent lockout. A successful sign-in clears the account's count (not the IP's). State lives in the
// database, so every instance behind a load balancer sees the same counts. No "server-only": the prune CLI
// imports it.

export const MAX_BACKOFF_SECONDS = 15 * 60;

export type SignInAttempt = { email: string; ip: string | null };

export type ThrottlePolicy = { accountLimit: number; ipLimit: number; backoffSeconds: number; windowSeconds: number };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function throttlePolicy(): ThrottlePolicy {
  return {
    accountLimit: env.AUTH_THROTTLE_ACCOUNT_FAILURES,
    ipLimit: env.AUTH_THROTTLE_IP_FAILURES,
    backoffSeconds: env.AUTH_THROTTLE_BACKOFF_SECONDS,
    windowSeconds: env.AUTH_THROTTLE_WINDOW_SECONDS,
  };
}

/** The keys an attempt counts against, with the number of failures each tolerates. */
function keysOf(attempt: SignInAttempt, policy: ThrottlePolicy): { key: string; limit: number }[] {
  const keys = [{ key: `account:${attempt.email.trim().toLowerCase()}`, limit: policy.accountLimit }];
  if (attempt.ip) keys.push({ key: `ip:${attempt.ip}`, limit: policy.ipLimit });
  return keys;
}

/** How long to wait after the given number of failures: nothing below the limit, then base × 2^(over). */
export function backoffSeconds(failures: number, limit: number, policy: Pick<ThrottlePolicy, "backoffSeconds">): number {
  if (failures < limit) return 0;
  const doublings = Math.min(failures - limit, 20); // 2^20 × 1 s is far past the cap already
  return Math.min(policy.backoffSeconds * 2 ** doublings, MAX_BACKOFF_SECONDS);
}

/** Whether this attempt may go ahead, and if not, how many seconds until it may (rounded up). */
export async function checkSignInThrottle(attempt: SignInAttempt, policy = throttlePolicy(), now = new Date()): Promise<ThrottleDecision> {
  const rows = await getDb().signInThrottle.findMany({
    where: { key: { in: keysOf(attempt, policy).map(({ key }) => key) }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  if (until <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/**
 * Counts a failed sign-in against the account and the IP. Each step is one atomic statement, so
 * concurrent failures are all counted (an increment, not a read-modify-write).
 */
export async function recordSignInFailure(attempt: SignInAttempt, policy = throttlePolicy(), now = new Date()): Promise<void> {
  const db = getDb();
  const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
  for (const { key, limit } of keysOf(attempt, policy)) {
    // Failures older than the window are forgotten.
    await db.signInThrottle.updateMany({ where: { key, lastFailureAt: { lt: windowStart } }, data: { failures: 0, blockedUntil: null } });
    const { failures } = await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: { failures: { increment: 1 }, lastFailureAt: now },
      select: { failures: true },
    });
    const wait = backoffSeconds(failures, limit, policy);
    if (wait > 0) await db.signInThrottle.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + wait * 1000) } });
  }
}

/** After a successful sign-in: the account starts afresh. The IP's count stays (one good account must not unlock guessing at others). */
export async function clearAccountFailures(email: string, policy = throttlePolicy()): Promise<void> {
  const [account] = keysOf({ email, ip: null }, policy);
  if (account) await getDb().signInThrottle.deleteMany({ where: { key: account.key } });
}

/** Drops rows whose failures have aged out of the window and whose back-off is over (called with session pruning). */
export async function pruneSignInThrottle(policy = throttlePolicy(), now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
  const { count } = await getDb().signInThrottle.deleteMany({
    where: { lastFailureAt: { lt: windowStart }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
  return count;
}
