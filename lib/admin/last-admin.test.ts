import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { temporaryDatabase } from "@/lib/testing/database";

// The last active admin can be neither demoted nor disabled, also when two admins act against each
// other at the same moment: against a real database (SQLite, and PostgreSQL in the `postgresql` test project), through the functions the admin actions call.
const database = temporaryDatabase("last-admin");

beforeAll(async () => {
  await database.setup();
  // Loaded once here, under beforeAll's timeout, so the first test does not pay for it.
  await import("./users");
  await import("./roles");
}, 60_000);
afterAll(() => database.teardown());

let counter = 0;

/** Two fresh accounts that are the only active admins: every other admin is made a USER first. */
async function twoAdmins(): Promise<[SessionUser, SessionUser]> {
  const { getDb } = await import("@/lib/db");
  const db = getDb();
  await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
  const make = async (name: string): Promise<SessionUser> => {
    counter += 1;
    const user = await db.user.create({
      data: { name, email: `${name.toLowerCase()}-${counter}@example.test`, role: "ADMIN" },
      select: { id: true, name: true, email: true, role: true },
    });
    return user;
  };
  return [await make("Alice"), await make("Bob")];
}

async function activeAdmins(): Promise<number> {
  const { getDb } = await import("@/lib/db");
  return getDb().user.count({ where: { role: "ADMIN", disabledAt: null } });
}

beforeEach(async () => {
  const { getDb } = await import("@/lib/db");
  await getDb().user.updateMany({ where: { disabledAt: { not: null } }, data: { disabledAt: null } });
});

describe("the last active admin", () => {
  it("cannot be demoted: with two admins the first demotion works, the second is refused and says why", async () => {
    const { changeRole } = await import("./users");
    const [alice, bob] = await twoAdmins();
    expect(await changeRole(alice, bob.id, "USER")).toEqual({ ok: true, message: `${bob.email} is now USER.` });
    const { getDb } = await import("@/lib/db");
    const carol = await getDb().user.create({ data: { email: `carol-${counter}@example.test`, role: "ADMIN", disabledAt: new Date() } });
    // A disabled admin does not count: Alice is still the last active one.
    expect(await changeRole({ ...carol, role: "ADMIN" }, alice.id, "USER")).toEqual({
      ok: false,
      message: `${alice.email} is the last active admin. Make someone else an admin first, so the app is never left without one.`,
    });
    expect(await activeAdmins()).toBe(1);
  });

  it("cannot be disabled", async () => {
    const { setDisabled } = await import("./users");
    const [alice, bob] = await twoAdmins();
    expect((await setDisabled(alice, bob.id, true)).ok).toBe(true);
    const result = await setDisabled(bob, alice.id, true);
    expect(result).toEqual({
      ok: false,
      message: `${alice.email} is the last active admin. Make someone else an admin first, so the app is never left without one.`,
    });
    expect(await activeAdmins()).toBe(1);
  });

  it("survives two admins demoting each other at the same moment: exactly one demotion happens", async () => {
    const { changeRole } = await import("./users");
    const [alice, bob] = await twoAdmins();
    const results = await Promise.all([changeRole(alice, bob.id, "USER"), changeRole(bob, alice.id, "USER")]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(results.find((result) => !result.ok)?.message).toMatch(/is the last active admin/);
    expect(await activeAdmins()).toBe(1);
  });

  it("survives two admins disabling each other at the same moment, and a demotion racing a disable", async () => {
    const { changeRole, setDisabled } = await import("./users");
    let [alice, bob] = await twoAdmins();
    const disables = await Promise.all([setDisabled(alice, bob.id, true), setDisabled(bob, alice.id, true)]);
    expect(disables.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(await activeAdmins()).toBe(1);

    [alice, bob] = await twoAdmins();
    const mixed = await Promise.all([changeRole(alice, bob.id, "USER"), setDisabled(bob, alice.id, true)]);
    expect(mixed.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(await activeAdmins()).toBe(1);
  });

  it("still lets an admin demote or disable other admins while another active admin remains", async () => {
    const { changeRole, setDisabled } = await import("./users");
    const [alice, bob] = await twoAdmins();
    const { getDb } = await import("@/lib/db");
    const carol = await getDb().user.create({ data: { email: `carol-extra-${counter}@example.test`, role: "ADMIN" } });
    const dave = await getDb().user.create({ data: { email: `dave-extra-${counter}@example.test`, role: "ADMIN" } });
    const results = await Promise.all([
      changeRole(alice, carol.id, "USER"),
      setDisabled(alice, dave.id, true),
      changeRole(bob, alice.id, "USER"),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(await activeAdmins()).toBe(1);
  });
});

describe("promoteIfNoActiveAdmin", () => {
  it("promotes exactly one of several accounts racing to become the first admin", async () => {
    const { getDb } = await import("@/lib/db");
    const db = getDb();
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const racers = await Promise.all([1, 2, 3, 4].map((n) => db.user.create({ data: { email: `racer-${n}@example.test` } })));
    const { promoteIfNoActiveAdmin } = await import("./roles");
    const outcomes = await Promise.all(racers.map((racer) => promoteIfNoActiveAdmin(racer.id)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await activeAdmins()).toBe(1);
  });
});
