import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import type * as UsersModule from "./users";

// The throttles on the other places that cost a bcrypt hash: registration (per IP and per address) and
// the current-password check of a password change (per account), against a real database (SQLite, and PostgreSQL in the `postgresql` test project).
const database = temporaryDatabase("users-throttle", {
  AUTH_THROTTLE_REGISTER_IP_ATTEMPTS: "3",
  AUTH_THROTTLE_REGISTER_EMAIL_ATTEMPTS: "2",
  AUTH_THROTTLE_PASSWORD_CHECK_FAILURES: "3",
  AUTH_THROTTLE_BACKOFF_SECONDS: "60",
});
let users: typeof UsersModule;

beforeAll(async () => {
  await database.setup();
  users = await import("./users");
}, 60_000);
afterAll(() => database.teardown());

let counter = 0;
const person = (email = `person-${(counter += 1)}@example.test`) => ({ name: "Someone", email, password: "correct horse battery staple" });
const ip = () => `192.0.2.${(counter += 1) % 250}`;

describe("registration", () => {
  it("counts every registration from one IP, successful or not, and refuses the next with the wait", async () => {
    const from = ip();
    for (let i = 0; i < 3; i += 1) expect(await users.registerThrottled(person(), from)).toMatchObject({ ok: true });
    const refused = person();
    expect(await users.registerThrottled(refused, from)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    expect(await users.findUserIdByEmail(refused.email)).toBeNull();
    // Another address is not affected.
    expect(await users.registerThrottled(refused, ip())).toMatchObject({ ok: true });
  });

  it("counts attempts at one address from any IP, taken or not", async () => {
    const address = person();
    expect(await users.registerThrottled(address, ip())).toMatchObject({ ok: true });
    await expect(users.registerThrottled(address, ip())).rejects.toBeInstanceOf(users.EmailTakenError);
    expect(await users.registerThrottled(address, ip())).toMatchObject({ ok: false, reason: "throttled" });
    expect(await users.registerThrottled({ ...address, email: address.email.toUpperCase() }, null)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("lets exactly the limit of simultaneous registrations from one IP through", async () => {
    const from = ip();
    const results = await Promise.all(Array.from({ length: 12 }, () => users.registerThrottled(person(), from)));
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    expect(results.filter((result) => !result.ok)).toHaveLength(9);
  });
});

describe("the current-password check of a password change", () => {
  const NEW_PASSWORD = "a brand new passphrase";

  it("says how many wrong passwords are left, the last one with 0, then refuses even the right one", async () => {
    const user = await users.createUser(person());
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await users.changePassword(user.id, `wrong ${i}`, NEW_PASSWORD));
    expect(results).toEqual([2, 1, 0].map((attemptsLeft) => ({ ok: false, reason: "wrong_password", attemptsLeft })));
    expect(await users.changePassword(user.id, "correct horse battery staple", NEW_PASSWORD)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 60,
    });
    expect((await users.authenticate({ email: user.email, password: "correct horse battery staple" })).ok).toBe(true);
  });

  it("gives back only its own place when the password is right", async () => {
    const user = await users.createUser(person());
    expect(await users.changePassword(user.id, "wrong", NEW_PASSWORD)).toMatchObject({ attemptsLeft: 2 });
    expect(await users.changePassword(user.id, "correct horse battery staple", NEW_PASSWORD)).toEqual({ ok: true });
    expect(await users.changePassword(user.id, "wrong again", "another new passphrase")).toMatchObject({ attemptsLeft: 1 });
  });

  it("lets exactly the limit of simultaneous wrong passwords reach the check; one of them is told it was the last", async () => {
    const user = await users.createUser(person());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => users.changePassword(user.id, `wrong ${i}`, NEW_PASSWORD)));
    const checked = results.filter((result) => !result.ok && result.reason === "wrong_password");
    expect(checked).toHaveLength(3);
    expect(checked.filter((result) => !result.ok && result.reason === "wrong_password" && result.attemptsLeft === 0)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(17);
  });

  it("ends the session that made them: its row goes and the trail records why", async () => {
    const { createSessionRow } = await import("@/lib/auth/session-rows");
    const { hashSessionToken } = await import("@/lib/auth/session-token");
    const { endSessionAfterPasswordFailures } = await import("@/lib/auth/sessions");
    const { getDb } = await import("@/lib/db");
    const user = await users.createUser(person());
    const [guesser, other] = [await createSessionRow(user.id), await createSessionRow(user.id)];
    await endSessionAfterPasswordFailures(user.id, hashSessionToken(guesser));
    expect(await getDb().session.findMany({ where: { userId: user.id }, select: { sessionToken: true } })).toEqual([
      { sessionToken: hashSessionToken(other) },
    ]);
    await expect
      .poll(async () =>
        (await getDb().activityEvent.findMany({ where: { userId: user.id, type: "session.revoked" }, select: { detail: true } })).map(
          (event) => JSON.parse(event.detail ?? "{}") as unknown,
        ),
      )
      .toEqual([{ scope: "one", by: "self", reason: "password_checks" }]);
  });
});
