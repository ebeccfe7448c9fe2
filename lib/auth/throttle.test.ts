import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/sqlite";
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

async function fail(attempt: { email: string; ip: string | null }, times: number, when = at(0)) {
  const { recordSignInFailure } = await import("./throttle");
  for (let i = 0; i < times; i += 1) await recordSignInFailure(attempt, policy, when);
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
    expect(await checkSignInThrottle({ email: email.toUpperCase(), ip: "192.0.2.99" }, policy, at(1))).toEqual({ allowed: false, retryAfterSeconds: 9 });
  });

  it("throttles an IP that fails against many accounts, without touching those accounts elsewhere", async () => {
    const { checkSignInThrottle } = await import("./throttle");
    const ip = "203.0.113.50";
    for (let i = 0; i < 6; i += 1) await fail({ email: `spray-${i}-${(counter += 1)}@example.test`, ip }, 1);
    expect(await checkSignInThrottle({ email: "untouched@example.test", ip }, policy, at(0))).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(await checkSignInThrottle({ email: "untouched@example.test", ip: "203.0.113.51" }, policy, at(0))).toEqual({ allowed: true });
  });

  it("forgets failures older than the window", async () => {
    const { checkSignInThrottle } = await import("./throttle");
    const attempt = fresh();
    await fail(attempt, 2, at(0));
    await fail(attempt, 1, at(601)); // the first two have aged out: this is failure one of a new window
    expect(await checkSignInThrottle(attempt, policy, at(601))).toEqual({ allowed: true });
  });

  it("counts every one of many simultaneous failures", async () => {
    const { getDb } = await import("@/lib/db");
    const { recordSignInFailure } = await import("./throttle");
    const attempt = { email: `burst-${(counter += 1)}@example.test`, ip: null };
    await Promise.all(Array.from({ length: 20 }, () => recordSignInFailure(attempt, policy, at(0))));
    const row = await getDb().signInThrottle.findUniqueOrThrow({ where: { key: `account:${attempt.email}` } });
    expect(row.failures).toBe(20);
  });

  it("clears the account's count on success but keeps the IP's", async () => {
    const { checkSignInThrottle, clearAccountFailures } = await import("./throttle");
    const attempt = { email: `clear-${(counter += 1)}@example.test`, ip: "203.0.113.77" };
    await fail(attempt, 3);
    await clearAccountFailures(attempt.email, policy);
    expect(await checkSignInThrottle({ email: attempt.email, ip: null }, policy, at(0))).toEqual({ allowed: true });
    await fail({ email: `other-${counter}@example.test`, ip: attempt.ip }, 3);
    expect(await checkSignInThrottle({ email: "third@example.test", ip: attempt.ip }, policy, at(0))).toEqual({ allowed: false, retryAfterSeconds: 10 });
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
    await expect.poll(async () => getDb().activityEvent.count({ where: { userId: user.id, type: "signin.failure", detail: { contains: "throttled" } } })).toBe(1);
    expect(await getDb().activityEvent.count({ where: { userId: null, detail: { contains: unknown } } })).toBeGreaterThanOrEqual(4);
  });

  it("signs in with the right password and starts the account afresh", async () => {
    const { authorizeCredentials } = await import("./authorize");
    const { createUser } = await import("@/lib/users");
    const { getDb } = await import("@/lib/db");
    const user = await createUser({ name: "T", email: `fine-${(counter += 1)}@example.test`, password: "the right password" });
    expect(await authorizeCredentials({ email: user.email, password: "a wrong password" })).toBeNull();
    expect(await getDb().signInThrottle.count({ where: { key: `account:${user.email}` } })).toBe(1);
    expect(await authorizeCredentials({ email: user.email, password: "the right password" })).toMatchObject({ id: user.id });
    expect(await getDb().signInThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0);
  });
});
