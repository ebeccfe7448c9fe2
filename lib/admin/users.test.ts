import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { temporaryDatabase } from "@/lib/testing/database";

// Admin operations against a real database (SQLite, and PostgreSQL in the `postgresql` test project) (database mode, the default strategy).
const database = temporaryDatabase("admin");
let admin: SessionUser;
let target: SessionUser;

async function events(userId: string, type: string) {
  const { getDb } = await import("@/lib/db");
  return getDb().activityEvent.findMany({ where: { userId, type } });
}

/** Activity rows are written after the response (here: unawaited); wait until they land. */
async function eventually<T>(read: () => Promise<T[]>, count: number): Promise<T[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await read();
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

beforeAll(async () => {
  await database.setup();
  const { registerUser } = await import("@/lib/users");
  admin = await registerUser({ name: "Admin", email: "admin@example.test", password: "correct horse battery staple" });
  target = await registerUser({ name: "Target", email: "target@example.test", password: "correct horse battery staple" });
}, 60_000);
afterAll(() => database.teardown());

describe("changeRole", () => {
  it("changes another user's role and records who did it", async () => {
    const { changeRole } = await import("./users");
    expect(admin.role).toBe("ADMIN");
    expect(await changeRole(admin, target.id, "ADMIN")).toEqual({ ok: true, message: "target@example.test is now ADMIN." });
    const [event] = await eventually(() => events(target.id, "role.changed"), 1);
    expect(event?.actorId).toBe(admin.id);
    expect(JSON.parse(event?.detail ?? "{}")).toEqual({ from: "USER", to: "ADMIN" });
    await changeRole(admin, target.id, "USER");
  });

  it("refuses to change the acting admin's own role, and unknown users", async () => {
    const { changeRole } = await import("./users");
    expect((await changeRole(admin, admin.id, "USER")).ok).toBe(false);
    expect(await changeRole(admin, "no-such-user", "ADMIN")).toEqual({ ok: false, message: "That user no longer exists." });
    const { getDb } = await import("@/lib/db");
    expect((await getDb().user.findUnique({ where: { id: admin.id } }))?.role).toBe("ADMIN");
  });
});

describe("setDisabled", () => {
  it("disables an account, ends all its sessions with one revoked event each, and enables it again", async () => {
    const { createSessionRow, findLiveSession } = await import("@/lib/auth/session-rows");
    const tokens = [await createSessionRow(target.id), await createSessionRow(target.id)];
    const { setDisabled } = await import("./users");
    expect(await setDisabled(admin, target.id, true)).toEqual({
      ok: true,
      message: "target@example.test is disabled; 2 sessions were ended.",
    });
    for (const token of tokens) expect(await findLiveSession(token)).toBeNull();
    expect(await eventually(() => events(target.id, "user.disabled"), 1)).toHaveLength(1);
    const revoked = await eventually(() => events(target.id, "session.revoked"), 2);
    expect(revoked.map((row) => row.actorId)).toEqual([admin.id, admin.id]);
    expect(new Set(revoked.map((row) => row.sessionRef)).size).toBe(2);
    expect((await setDisabled(admin, target.id, false)).ok).toBe(true);
    expect(await eventually(() => events(target.id, "user.enabled"), 1)).toHaveLength(1);
  });

  it("refuses to disable the acting admin", async () => {
    const { setDisabled } = await import("./users");
    expect(await setDisabled(admin, admin.id, true)).toEqual({ ok: false, message: "You cannot disable your own account." });
  });
});
