import { asTimestamp, getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

// Throttling of everything that checks a password or costs a bcrypt hash: sign-in (per account, the
// email as typed, known or not, so throttling says nothing about which accounts exist; and per client
// IP), registration (per IP and per address) and the current-password check of a password change (per
// account). After `limit` attempts within the window, a key waits `backoff` seconds, doubled for each
// further attempt, capped at 15 minutes: a back-off, never a permanent lockout.
//
// An attempt *reserves* its place before any hashing: one atomic statement per key counts it and, once
// the count reaches the limit, starts the back-off, so however many attempts arrive at once, only
// `limit` get through. A failed attempt keeps its place; one that turned out not to be a failure (the
// right password) gives back its own place and nothing else. State lives in the database, so every
// instance behind a load balancer sees the same counts. No "server-only": the prune CLI imports it.

export const MAX_BACKOFF_SECONDS = 15 * 60;

/** One counter an attempt counts against: its row key and how many attempts it tolerates within the window. */
export type ThrottleKey = { key: string; limit: number };

export type ThrottleTiming = { backoffSeconds: number; windowSeconds: number };

/** A place held on one key: the count this attempt brought it to, and the back-off it started (if any). */
export type HeldKey = ThrottleKey & { count: number; blockedUntil: Date | null };

export type Reservation = { allowed: true; held: HeldKey[] } | { allowed: false; retryAfterSeconds: number };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How long to wait after the given number of attempts: nothing below the limit, then base × 2^(over). */
export function backoffSeconds(failures: number, limit: number, timing: Pick<ThrottleTiming, "backoffSeconds">): number {
  if (failures < limit) return 0;
  const doublings = Math.min(failures - limit, 20); // 2^20 × 1 s is far past the cap already
  return Math.min(timing.backoffSeconds * 2 ** doublings, MAX_BACKOFF_SECONDS);
}

function blockedUntilAfter(count: number, limit: number, timing: ThrottleTiming, now: Date): Date | null {
  const wait = backoffSeconds(count, limit, timing);
  return wait > 0 ? new Date(now.getTime() + wait * 1000) : null;
}

/**
 * SQL for the end of the back-off once a key's count is `count`: a CASE over the few distinct waits
 * (they double up to the cap), computed here, so the database does no date arithmetic and the same
 * statement runs on SQLite and PostgreSQL.
 */
function blockedUntilSql(count: Prisma.Sql, limit: number, timing: ThrottleTiming, now: Date): Prisma.Sql {
  const branches: Prisma.Sql[] = [];
  for (let over = 0; ; over += 1) {
    const until = blockedUntilAfter(limit + over, limit, timing, now);
    if (backoffSeconds(limit + over, limit, timing) >= MAX_BACKOFF_SECONDS || over >= 20) {
      const steps = branches.length ? Prisma.join(branches, " ") : Prisma.empty;
      return Prisma.sql`CASE WHEN ${count} < ${limit} THEN NULL ${steps} ELSE ${until} END`;
    }
    branches.push(Prisma.sql`WHEN ${count} = ${limit + over} THEN ${until}`);
  }
}

/**
 * Takes a place on one key, in one statement: inserts the row, or counts one more attempt on it (one,
 * after the window has passed), but only while the key is not backing off. Returns the new count, or
 * null when the key is backing off. The conditional upsert is atomic on SQLite (writes are serialised)
 * and on PostgreSQL (ON CONFLICT locks the row and re-checks the WHERE on its latest version). The
 * statement is the same on both (SQLite >= 3.35 has RETURNING), but for one cast PostgreSQL needs.
 */
async function reserveKey({ key, limit }: ThrottleKey, timing: ThrottleTiming, now: Date): Promise<number | null> {
  const windowStart = new Date(now.getTime() - timing.windowSeconds * 1000);
  const count = Prisma.sql`(CASE WHEN "SignInThrottle"."lastFailureAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END)`;
  const rows = await getDb().$queryRaw<{ failures: number | bigint }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt", "blockedUntil")
    VALUES (${key}, 1, ${now}, ${blockedUntilAfter(1, limit, timing, now)})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${count},
      "lastFailureAt" = ${now},
      "blockedUntil" = ${asTimestamp(blockedUntilSql(count, limit, timing, now))}
    WHERE "SignInThrottle"."blockedUntil" IS NULL OR "SignInThrottle"."blockedUntil" <= ${now}
    RETURNING "failures"`;
  const [row] = rows;
  return row ? Number(row.failures) : null;
}

/**
 * Gives back one place: one attempt less, and the back-off lifted when the count falls below the limit
 * or when this attempt started it (nobody else can have been let in since: they were refused).
 */
async function releaseKey(held: HeldKey): Promise<void> {
  const own = held.blockedUntil ? Prisma.sql`OR "blockedUntil" = ${held.blockedUntil}` : Prisma.empty;
  await getDb().$executeRaw`
    UPDATE "SignInThrottle"
    SET "failures" = "failures" - 1,
        "blockedUntil" = CASE WHEN "failures" - 1 < ${held.limit} ${own} THEN NULL ELSE "blockedUntil" END
    WHERE "key" = ${held.key} AND "failures" > 0`;
}

async function retryAfterOf(keys: string[], now: Date): Promise<number> {
  const rows = await getDb().signInThrottle.findMany({
    where: { key: { in: keys }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  // Refused by a back-off that ended a moment later: the attempt may simply be made again.
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Reserves a place on every key, in order, before the expensive check. Refused when any key is backing
 * off; places already taken on earlier keys are given back, so a refused attempt counts nowhere.
 */
export async function reserveAttempt(keys: ThrottleKey[], timing: ThrottleTiming, now = new Date()): Promise<Reservation> {
  const held: HeldKey[] = [];
  for (const key of keys) {
    const count = await reserveKey(key, timing, now);
    if (count === null) {
      await releaseAttempt({ allowed: true, held });
      return { allowed: false, retryAfterSeconds: await retryAfterOf([key.key], now) };
    }
    held.push({ ...key, count, blockedUntil: blockedUntilAfter(count, key.limit, timing, now) });
  }
  return { allowed: true, held };
}

/** The attempt was not a failure (the right password): its own places are given back, nobody else's. */
export async function releaseAttempt(reservation: Extract<Reservation, { allowed: true }>): Promise<void> {
  for (const held of [...reservation.held].reverse()) await releaseKey(held);
}

/** "N seconds" or "N minutes": how long to wait, for the messages that say so. */
export function waitPhrase(retryAfterSeconds: number): string {
  return retryAfterSeconds < 120
    ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`
    : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
}

// ---- sign-in ----

export type SignInAttempt = { email: string; ip: string | null };

export type ThrottlePolicy = ThrottleTiming & { accountLimit: number; ipLimit: number };

export function throttlePolicy(): ThrottlePolicy {
  return {
    accountLimit: env.AUTH_THROTTLE_ACCOUNT_FAILURES,
    ipLimit: env.AUTH_THROTTLE_IP_FAILURES,
    backoffSeconds: env.AUTH_THROTTLE_BACKOFF_SECONDS,
    windowSeconds: env.AUTH_THROTTLE_WINDOW_SECONDS,
  };
}

/**
 * The keys a sign-in counts against. The IP comes first: an attempt refused there never touches the
 * account's count (a sprayer's refused guesses must not extend a real user's back-off).
 */
export function signInKeys(attempt: SignInAttempt, policy: ThrottlePolicy): ThrottleKey[] {
  const account = { key: `account:${attempt.email.trim().toLowerCase()}`, limit: policy.accountLimit };
  return attempt.ip ? [{ key: `ip:${attempt.ip}`, limit: policy.ipLimit }, account] : [account];
}

/** Reserves a sign-in attempt on its account and IP, before the password is checked. */
export async function reserveSignIn(attempt: SignInAttempt, policy = throttlePolicy(), now = new Date()): Promise<Reservation> {
  return reserveAttempt(signInKeys(attempt, policy), policy, now);
}

/** Whether a sign-in could go ahead now, and if not, how many seconds until it may (rounded up). Reads only. */
export async function checkSignInThrottle(attempt: SignInAttempt, policy = throttlePolicy(), now = new Date()): Promise<ThrottleDecision> {
  const keys = signInKeys(attempt, policy).map(({ key }) => key);
  const blocked = await getDb().signInThrottle.count({ where: { key: { in: keys }, blockedUntil: { gt: now } } });
  if (!blocked) return { allowed: true };
  return { allowed: false, retryAfterSeconds: await retryAfterOf(keys, now) };
}

// ---- registration ----

export type RegistrationAttempt = { email: string; ip: string | null };

export type RegistrationPolicy = ThrottleTiming & { ipLimit: number; emailLimit: number };

export function registrationPolicy(): RegistrationPolicy {
  return {
    ipLimit: env.AUTH_THROTTLE_REGISTER_IP_ATTEMPTS,
    emailLimit: env.AUTH_THROTTLE_REGISTER_EMAIL_ATTEMPTS,
    backoffSeconds: env.AUTH_THROTTLE_BACKOFF_SECONDS,
    windowSeconds: env.AUTH_THROTTLE_WINDOW_SECONDS,
  };
}

/** Every registration costs a bcrypt hash, successful or not: each attempt counts, against the IP and the address. */
export async function reserveRegistration(
  attempt: RegistrationAttempt,
  policy = registrationPolicy(),
  now = new Date(),
): Promise<Reservation> {
  const address = { key: `register-email:${attempt.email.trim().toLowerCase()}`, limit: policy.emailLimit };
  const keys = attempt.ip ? [{ key: `register-ip:${attempt.ip}`, limit: policy.ipLimit }, address] : [address];
  return reserveAttempt(keys, policy, now);
}

// ---- the current-password check of a password change ----

export type PasswordCheckPolicy = ThrottleTiming & { limit: number };

export function passwordCheckPolicy(): PasswordCheckPolicy {
  return {
    limit: env.AUTH_THROTTLE_PASSWORD_CHECK_FAILURES,
    backoffSeconds: env.AUTH_THROTTLE_BACKOFF_SECONDS,
    windowSeconds: env.AUTH_THROTTLE_WINDOW_SECONDS,
  };
}

export const passwordCheckKey = (userId: string) => `password-check:${userId}`;

/** Reserves a check of the account's current password (a password change), before it is compared. */
export async function reservePasswordCheck(userId: string, policy = passwordCheckPolicy(), now = new Date()): Promise<Reservation> {
  return reserveAttempt([{ key: passwordCheckKey(userId), limit: policy.limit }], policy, now);
}

/** Drops rows whose attempts have aged out of the window and whose back-off is over (called with session pruning). */
export async function pruneSignInThrottle(policy: ThrottleTiming = throttlePolicy(), now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
  const { count } = await getDb().signInThrottle.deleteMany({
    where: { lastFailureAt: { lt: windowStart }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
  return count;
}
