import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import { backoffSeconds, MAX_BACKOFF_SECONDS, type ThrottlePolicy } from "./throttle";

const database = temporaryDatabase("throttle", {
  AUTH_THROTTLE_ACCOUNT_FAILURES: "3",
  AUTH_THROTTLE_IP_FAILURES: "6",
  AUTH_THROTTLE_BACKOFF_SECONDS: "10",
  AUTH_THROTTLE_WINDOW_SECONDS: "600",
});

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

const policy: ThrottlePolicy = { accountLimit: 3, ipLimit: 6, backoffSeconds: 10, windowSeconds: 600 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
let counter = 0;
const fresh = () => ({ email: `someone-${(counter += 1)}@example.test`, ip: `198.51.100.${counter}` });

/** Attempts that were let through and failed: each keeps its reserved place. */
async function fail(attempt: { email: string; ip: string | null }, times: number, when = at(0)) {
  const { reserveSignIn } = await import("./throttle");
  for (let i = 0; i < times; i += 1) expect(await reserveSignIn(attempt, policy, when)).toMatchObject({ allowed: true });
}

describe("backoffSeconds", () => {
  it("is zero below the limit, then doubles per failure up to the 15-minute cap", () => {
    expect([2, 3, 4, 5, 6].map((failures) => backoffSeconds(failures, 3, policy))).toEqual([0, 10, 20, 40, 80]);
    expect(backoffSeconds(40, 3, policy)).toBe(MAX_BACKOFF_SECONDS);
    expect(backoffSeconds(1_000_000, 3, policy)).toBe(MAX_BACKOFF_SECONDS);
  });
});

describe("sign-in throttling", () => {
  it("lets an account fail up to the limit, then makes it wait, longer after each further failure", async () => {
    const { checkSignInThrottle } = await import("./throttle");
    const attempt = fresh();
    await fail(attempt, 2);
    expect(await checkSignInThrottle(attempt, policy, at(0))).toEqual({ allowed: true });
    await fail(attempt, 1);
    expect(await checkSignInThrottle(attempt, policy, at(0))).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(await checkSignInThrottle(attempt, policy, at(4))).toEqual({ allowed: false, retryAfterSeconds: 6 });
    // Back-off, not lockout: once it has passed, the account may try again.
    expect(await checkSignInThrottle(attempt, policy, at(10))).toEqual({ allowed: true });
    await fail(attempt, 1, at(10));
    expect(await checkSignInThrottle(attempt, policy, at(10))).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it("counts against the email whether or not an account has it, from any IP", async () => {
    const { checkSignInThrottle } = await import("./throttle");
    const email = `nobody-${(counter += 1)}@example.test`;
    for (const ip of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) await fail({ email, ip }, 1);
    expect(await checkSignInThrottle({ email: email.toUpperCase(), ip: "192.0.2.99" }, policy, at(1))).toEqual({
      allowed: false,
      retryAfterSeconds: 9,
    });
  });

  it("throttles an IP that fails against many accounts, without touching those accounts elsewhere", async () => {
    const { checkSignInThrottle } = await import("./throttle");
    const ip = "203.0.113.50";
    for (let i = 0; i < 6; i += 1) await fail({ email: `spray-${i}-${(counter += 1)}@example.test`, ip }, 1);
    expect(await checkSignInThrottle({ email: "untouched@example.test", ip }, policy, at(0))).toEqual({
      allowed: false,
      retryAfterSeconds: 10,
    });
    expect(await checkSignInThrottle({ email: "untouched@example.test", ip: "203.0.113.51" }, policy, at(0))).toEqual({ allowed: true });
  });

  it("forgets failures older than the window", async () => {
    const { checkSignInThrottle } = await import("./throttle");
    const attempt = fresh();
    await fail(attempt, 2, at(0));
    await fail(attempt, 1, at(601)); // the first two have aged out: this is failure one of a new window
    expect(await checkSignInThrottle(attempt, policy, at(601))).toEqual({ allowed: true });
  });

  it("lets exactly `limit` of many simultaneous attempts through, and refuses the rest with the wait", async () => {
    const { reserveSignIn } = await import("./throttle");
    const attempt = { email: `burst-${(counter += 1)}@example.test`, ip: null };
    const results = await Promise.all(Array.from({ length: 40 }, () => reserveSignIn(attempt, policy, at(0))));
    expect(results.filter((result) => result.allowed)).toHaveLength(policy.accountLimit);
    expect(results.filter((result) => !result.allowed)).toEqual(
      Array(40 - policy.accountLimit).fill({ allowed: false, retryAfterSeconds: 10 }),
    );
  });

  it("counts a refused attempt nowhere: a place taken on the IP is given back when the account refuses", async () => {
    const { checkSignInThrottle, reserveSignIn } = await import("./throttle");
    const { getDb } = await import("@/lib/db");
    const attempt = { email: `refused-${(counter += 1)}@example.test`, ip: `203.0.113.${counter % 250}` };
    await fail({ email: attempt.email, ip: null }, 3);
    expect(await reserveSignIn(attempt, policy, at(1))).toEqual({ allowed: false, retryAfterSeconds: 9 });
    expect(await getDb().signInThrottle.findUnique({ where: { key: `ip:${attempt.ip}` } })).toMatchObject({
      failures: 0,
      blockedUntil: null,
    });
    // Nor does it extend the account's back-off.
    expect(await checkSignInThrottle({ email: attempt.email, ip: null }, policy, at(10))).toEqual({ allowed: true });
  });

  it("gives back only its own place on success: the others' failures still count", async () => {
    const { checkSignInThrottle, releaseAttempt, reserveSignIn } = await import("./throttle");
    const attempt = { email: `release-${(counter += 1)}@example.test`, ip: "203.0.113.77" };
    await fail(attempt, 2);
    const right = await reserveSignIn(attempt, policy, at(0)); // the third: it starts the back-off
    if (!right.allowed) throw new Error("the third attempt should have been let through");
    expect(await checkSignInThrottle(attempt, policy, at(0))).toMatchObject({ allowed: false });
    await releaseAttempt(right);
    // Its own back-off is lifted, the two failures remain: one more wrong guess and the account waits.
    expect(await checkSignInThrottle(attempt, policy, at(0))).toEqual({ allowed: true });
    await fail(attempt, 1);
    expect(await checkSignInThrottle({ email: attempt.email, ip: null }, policy, at(0))).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("after a back-off, lets one attempt through at a time; a success then leaves the account as it was", async () => {
    const { checkSignInThrottle, releaseAttempt, reserveSignIn } = await import("./throttle");
    const attempt = { email: `after-${(counter += 1)}@example.test`, ip: null };
    await fail(attempt, 3);
    const [first, second] = await Promise.all([reserveSignIn(attempt, policy, at(10)), reserveSignIn(attempt, policy, at(10))]);
    const granted = [first, second].filter((result) => result?.allowed);
    expect(granted).toHaveLength(1);
    const [right] = granted;
    if (!right?.allowed) throw new Error("one attempt should have been let through");
    await releaseAttempt(right);
    // The back-off it started is lifted; the three failures still count, so the next failure doubles the wait.
    expect(await checkSignInThrottle(attempt, policy, at(10))).toEqual({ allowed: true });
    await fail(attempt, 1, at(10));
    expect(await checkSignInThrottle(attempt, policy, at(10))).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it("prunes rows whose failures have aged out and whose back-off is over", async () => {
    const { getDb } = await import("@/lib/db");
    const { pruneSignInThrottle } = await import("./throttle");
    const attempt = fresh();
    await fail(attempt, 3, at(0));
    await pruneSignInThrottle(policy, at(300));
    expect(await getDb().signInThrottle.count({ where: { key: `account:${attempt.email}` } })).toBe(1);
    await pruneSignInThrottle(policy, at(700));
    expect(await getDb().signInThrottle.count({ where: { key: `account:${attempt.email}` } })).toBe(0);
  });
});

describe("authorizeCredentials", () => {
  it("refuses even the right password while throttled, the same way for an unknown email, and records why", async () => {
    const { authorizeCredentials, ThrottledSignIn } = await import("./authorize");
    const { createUser } = await import("@/lib/users");
    const { getDb } = await import("@/lib/db");
    const user = await createUser({ name: "T", email: `known-${(counter += 1)}@example.test`, password: "the right password" });
    const unknown = `unknown-${counter}@example.test`;
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 3; i += 1) expect(await authorizeCredentials({ email, password: "a wrong password" })).toBeNull();
    }
    const refusal = (email: string) => authorizeCredentials({ email, password: "the right password" }).catch((error: unknown) => error);
    const [known, stranger] = await Promise.all([refusal(user.email), refusal(unknown)]);
    for (const error of [known, stranger]) {
      expect(error).toBeInstanceOf(ThrottledSignIn);
      expect((error as InstanceType<typeof ThrottledSignIn>).retryAfterSeconds).toBeGreaterThan(0);
    }
    await expect
      .poll(async () =>
        getDb().activityEvent.count({ where: { userId: user.id, type: "signin.failure", detail: { contains: "throttled" } } }),
      )
      .toBe(1);
    // Written in the background outside a request (lib/activity/record.ts): polled, as the one above.
    await expect
      .poll(() => getDb().activityEvent.count({ where: { userId: null, detail: { contains: unknown } } }))
      .toBeGreaterThanOrEqual(4);
  });

  it("signs in with the right password, giving back only its own attempt", async () => {
    const { authorizeCredentials } = await import("./authorize");
    const { createUser } = await import("@/lib/users");
    const { getDb } = await import("@/lib/db");
    const user = await createUser({ name: "T", email: `fine-${(counter += 1)}@example.test`, password: "the right password" });
    const failures = async () => (await getDb().signInThrottle.findUnique({ where: { key: `account:${user.email}` } }))?.failures;
    expect(await authorizeCredentials({ email: user.email, password: "a wrong password" })).toBeNull();
    expect(await failures()).toBe(1);
    expect(await authorizeCredentials({ email: user.email, password: "the right password" })).toMatchObject({ id: user.id });
    expect(await failures()).toBe(1);
  });

  /** Runs the guesses all at once; counts those that reached the password check and those refused before it. */
  async function burst(guesses: { email: string; password: string }[]) {
    const { authorizeCredentials, ThrottledSignIn } = await import("./authorize");
    const outcomes = await Promise.all(
      guesses.map((guess) =>
        authorizeCredentials(guess).then(
          (user) => ({ checked: true, user, password: guess.password }),
          (error: unknown) => {
            if (!(error instanceof ThrottledSignIn)) throw error;
            return { checked: false, user: null, password: guess.password };
          },
        ),
      ),
    );
    return outcomes;
  }

  it("lets exactly `limit` of 40 simultaneous wrong passwords reach the password check", async () => {
    const { createUser } = await import("@/lib/users");
    const user = await createUser({ name: "T", email: `parallel-${(counter += 1)}@example.test`, password: "the right password" });
    const outcomes = await burst(Array.from({ length: 40 }, (_, i) => ({ email: user.email, password: `wrong guess ${i}` })));
    expect(outcomes.filter((outcome) => outcome.checked)).toHaveLength(policy.accountLimit);
    expect(outcomes.filter((outcome) => !outcome.checked)).toHaveLength(40 - policy.accountLimit);
  });

  it("a right password inside a burst does not clear the others: `limit` wrong passwords are checked in all", async () => {
    const { authorizeCredentials, ThrottledSignIn } = await import("./authorize");
    const { createUser } = await import("@/lib/users");
    const user = await createUser({ name: "T", email: `mixed-${(counter += 1)}@example.test`, password: "the right password" });
    const guesses = Array.from({ length: 40 }, (_, i) => ({
      email: user.email,
      password: i === 0 ? "the right password" : `wrong guess ${i}`,
    }));
    const outcomes = await burst(guesses);
    let wrongChecked = outcomes.filter((outcome) => outcome.checked && outcome.password !== "the right password").length;
    // The right password gave back its place, and only its own: at most one more wrong guess fits, then none.
    for (;;) {
      const next = await authorizeCredentials({ email: user.email, password: "one more wrong guess" }).catch((error: unknown) => error);
      if (next instanceof ThrottledSignIn) break;
      expect(next).toBeNull();
      wrongChecked += 1;
      expect(wrongChecked).toBeLessThanOrEqual(policy.accountLimit);
    }
    expect(wrongChecked).toBe(policy.accountLimit);
  });
});
