import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import type * as UsersModule from "./users";

// Role assignment and sign-in outcomes, against a real database (SQLite, and PostgreSQL in the `postgresql` test project). Vitest runs with NODE_ENV=test,
// which is "outside production"; the production case stubs NODE_ENV.
const database = temporaryDatabase("users");
let users: typeof UsersModule;

beforeAll(async () => {
  await database.setup();
  users = await import("./users");
}, 60_000);
afterAll(() => database.teardown());

const person = (email: string) => ({ name: "Someone", email, password: "correct horse battery staple" });

describe("registerUser", () => {
  it("in production never makes anyone an admin, not even the first person on a fresh install", async () => {
    const previous = process.env.NODE_ENV ?? "test";
    // The configuration is read (and kept) outside production first: this test is about the role rule,
    // and production's other requirements (an https AUTH_URL) are lib/env.test.ts's business.
    (await import("@/lib/env")).getEnv();
    vi.stubEnv("NODE_ENV", "production");
    try {
      expect(await users.nextRegistrationBecomesAdmin()).toBe(false);
      const first = await Promise.all(["prod-1", "prod-2"].map((n) => users.registerUser(person(`${n}@example.test`))));
      expect(first.map((user) => user.role)).toEqual(["USER", "USER"]);
      const { getDb } = await import("@/lib/db");
      expect(await getDb().user.count({ where: { role: "ADMIN" } })).toBe(0);
    } finally {
      vi.stubEnv("NODE_ENV", previous);
    }
  });

  it("outside production makes the first person to register while no admin exists the admin (the seeded demo account does not count)", async () => {
    expect(await users.ensureDemoUser()).toBe(true);
    const { getDb } = await import("@/lib/db");
    expect((await getDb().user.findUnique({ where: { email: users.DEMO_USER.email } }))?.role).toBe("USER");
    expect(await users.nextRegistrationBecomesAdmin()).toBe(true);
    expect((await users.registerUser(person("first@example.test"))).role).toBe("ADMIN");
    expect(await users.nextRegistrationBecomesAdmin()).toBe(false);
    expect((await users.registerUser(person("second@example.test"))).role).toBe("USER");
  });

  it("promotes nobody else while an admin exists, even when several register at once", async () => {
    const many = await Promise.all(["a", "b", "c", "d"].map((n) => users.registerUser(person(`${n}@example.test`))));
    expect(many.map((user) => user.role)).toEqual(["USER", "USER", "USER", "USER"]);
  });
});

describe("authenticate", () => {
  it("tells the trail why a sign-in was refused while every refusal looks the same to the caller", async () => {
    const user = await users.registerUser(person("reasons@example.test"));
    expect(await users.authenticate({ email: "nobody@example.test", password: "whatever-password" })).toEqual({
      ok: false,
      reason: "unknown_email",
      userId: null,
    });
    expect(await users.authenticate({ email: user.email, password: "not the password" })).toEqual({
      ok: false,
      reason: "wrong_password",
      userId: user.id,
    });
    const { getDb } = await import("@/lib/db");
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await users.authenticate({ email: user.email, password: "correct horse battery staple" })).toEqual({
      ok: false,
      reason: "disabled",
      userId: user.id,
    });
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: null } });
    expect(await users.authenticate({ email: user.email, password: "correct horse battery staple" })).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
  });

  it("does the same bcrypt work for an unknown email as for a wrong password (no timing oracle)", async () => {
    const user = await users.registerUser(person("timing@example.test"));
    const { passwordJobs } = await import("@/lib/auth/password-threads");
    const jobs = vi.spyOn(passwordJobs, "run");
    try {
      await users.authenticate({ email: user.email, password: "not the password" });
      await users.authenticate({ email: "nobody-at-all@example.test", password: "not the password" });
      // One comparison each (on the bcrypt worker threads), against hashes of the same cost: the two refusals cost the same.
      const compares = jobs.mock.calls.map(([job]) => job).filter((job) => job.op === "compare");
      expect(compares).toHaveLength(2);
      const costs = compares.map((job) => (job.op === "compare" ? /^\$2b\$(\d\d)\$/.exec(job.hash)?.[1] : null));
      expect(costs).toEqual(["04", "04"]);
    } finally {
      jobs.mockRestore();
    }
  });
});

describe("rehashing at the configured bcrypt cost", () => {
  async function storedHash(userId: string): Promise<string> {
    const { getDb } = await import("@/lib/db");
    return (await getDb().password.findUniqueOrThrow({ where: { userId }, select: { hash: true } })).hash;
  }

  it("rehashes a stored hash of another cost at the next successful sign-in, and only then", async () => {
    // A hash made while AUTH_BCRYPT_COST was 5; this file runs with cost 4.
    const user = await users.registerUser(person("old-cost@example.test"));
    const { getDb } = await import("@/lib/db");
    const { hashPassword } = await import("@/lib/auth/password");
    const oldHash = await hashPassword("correct horse battery staple", { cost: 5, pepper: "" });
    await getDb().password.update({ where: { userId: user.id }, data: { hash: oldHash } });

    expect(await users.authenticate({ email: user.email, password: "not the password" })).toMatchObject({
      ok: false,
      reason: "wrong_password",
    });
    expect(await storedHash(user.id)).toBe(oldHash);
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await users.authenticate({ email: user.email, password: "correct horse battery staple" })).toMatchObject({
      ok: false,
      reason: "disabled",
    });
    expect(await storedHash(user.id)).toBe(oldHash);
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: null } });

    expect(await users.authenticate({ email: user.email, password: "correct horse battery staple" })).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    const rehashed = await storedHash(user.id);
    expect(rehashed).toMatch(/^\$2b\$04\$/);
    expect(await users.authenticate({ email: user.email, password: "correct horse battery staple" })).toMatchObject({ ok: true });
    expect(await storedHash(user.id)).toBe(rehashed); // already at the configured cost: left alone
  });

  it("does not overwrite a password changed after the sign-in read the old hash", async () => {
    const user = await users.registerUser(person("race@example.test"));
    const { getDb } = await import("@/lib/db");
    const { hashPassword, verifyPassword } = await import("@/lib/auth/password");
    const oldHash = await hashPassword("correct horse battery staple", { cost: 5, pepper: "" });
    await getDb().password.update({ where: { userId: user.id }, data: { hash: oldHash } });
    // The sign-in read oldHash; meanwhile the password was changed: the rehash of the old one must not land.
    const newHash = await hashPassword("a brand new passphrase", { cost: 4, pepper: "" });
    await getDb().password.update({ where: { userId: user.id }, data: { hash: newHash } });
    const { rehashIfCostChanged } = await import("@/lib/auth/rehash");
    expect(await rehashIfCostChanged(user.id, "correct horse battery staple", oldHash)).toBe(false);
    expect(await storedHash(user.id)).toBe(newHash);
    expect(await verifyPassword("a brand new passphrase", newHash, "")).toBe(true);
  });
});
