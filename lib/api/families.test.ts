import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { temporaryDatabase } from "@/lib/testing/database";
import type * as Families from "./families";

// Refresh-token families against a real database (SQLite, and PostgreSQL in the `postgresql` test
// project): rotation, reuse detection, the concurrent-refresh race, and revocation from the session list.
const database = temporaryDatabase("api-families", {
  AUTH_SESSION_MAX_AGE: "600",
  AUTH_SESSION_UPDATE_AGE: "60",
  AUTH_SESSION_ABSOLUTE_MAX_AGE: "3600",
});
const META = { deviceName: "Test phone", userAgent: "test-agent", ip: "127.0.0.1" };
let user: SessionUser;
let families: typeof Families;

async function db() {
  return (await import("@/lib/db")).getDb();
}

/** Activity rows may be written after the call returns; wait until they land. */
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
  families = await import("./families");
  const { registerUser } = await import("@/lib/users");
  user = await registerUser({ name: "Api", email: "api@example.test", password: "correct horse battery staple" });
}, 60_000);
afterAll(() => database.teardown());

describe("refresh-token families", () => {
  it("stores only hashes, and rotates the token on every use", async () => {
    const first = await families.createFamily(user, ["profile"], META);
    expect(first.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await (await db()).apiRefreshToken.findMany({ where: { familyId: first.familyId } });
    expect(rows.map((row) => row.tokenHash)).not.toContain(first.refreshToken);
    const second = await families.rotateRefreshToken(first.refreshToken);
    expect(second).toMatchObject({ ok: true, issued: { familyId: first.familyId, scope: ["profile"], user: { id: user.id } } });
    const next = second.ok ? second.issued.refreshToken : "";
    expect(next).not.toBe(first.refreshToken);
    expect(await families.rotateRefreshToken(next)).toMatchObject({ ok: true });
  });

  it("revokes the whole family when a rotated token comes back, the newest token with it", async () => {
    const first = await families.createFamily(user, ["profile"], META);
    const second = await families.rotateRefreshToken(first.refreshToken);
    const newest = second.ok ? second.issued.refreshToken : "";
    expect(await families.rotateRefreshToken(first.refreshToken)).toMatchObject({ ok: false, reason: "reused" });
    expect(await families.rotateRefreshToken(newest)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await families.liveFamily(first.familyId, user.id)).toBeNull();
    const events = await eventually(
      async () => (await db()).activityEvent.findMany({ where: { userId: user.id, type: "api.refresh_reused" } }),
      1,
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(first.refreshToken);
  });

  it("lets exactly one of two concurrent refreshes of the same token win; the loser is reuse and ends the family", async () => {
    const first = await families.createFamily(user, ["profile"], META);
    const results = await Promise.all([families.rotateRefreshToken(first.refreshToken), families.rotateRefreshToken(first.refreshToken)]);
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, reason: "reused" });
    const winner = winners[0];
    const token = winner?.ok ? winner.issued.refreshToken : "";
    expect(await families.rotateRefreshToken(token)).toMatchObject({ ok: false, reason: "revoked" });
    const family = await (await db()).apiTokenFamily.findUniqueOrThrow({ where: { id: first.familyId } });
    expect(family.revokedReason).toBe("refresh_token_reuse");
  });

  it("refuses unknown and expired tokens without touching any family", async () => {
    expect(await families.rotateRefreshToken("not-a-token")).toEqual({ ok: false, reason: "unknown" });
    const first = await families.createFamily(user, ["profile"], META);
    const later = new Date(Date.now() + 601_000);
    expect(await families.rotateRefreshToken(first.refreshToken, later)).toMatchObject({ ok: false, reason: "expired" });
    expect(await families.liveFamily(first.familyId, user.id)).not.toBeNull();
  });

  it("is live only while not revoked, unexpired, the user's own and the user enabled", async () => {
    const family = await families.createFamily(user, ["profile"], META);
    expect(await families.liveFamily(family.familyId, user.id)).toMatchObject({ user: { id: user.id, email: "api@example.test" } });
    expect(await families.liveFamily(family.familyId, "someone-else")).toBeNull();
    expect(await families.liveFamily(family.familyId, user.id, new Date(Date.now() + 3_601_000))).toBeNull();
    await (await db()).user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await families.liveFamily(family.familyId, user.id)).toBeNull();
    expect(await families.rotateRefreshToken(family.refreshToken)).toMatchObject({ ok: false, reason: "revoked" });
    await (await db()).user.update({ where: { id: user.id }, data: { disabledAt: null } });
  });

  it("lists live families with their device, and revokes one or all", async () => {
    const a = await families.createFamily(user, ["profile"], META);
    const b = await families.createFamily(user, ["profile"], { ...META, deviceName: "Second" });
    const listed = await families.listLiveFamilies(user.id);
    expect(listed.map((row) => row.id)).toEqual(expect.arrayContaining([a.familyId, b.familyId]));
    expect(listed.find((row) => row.id === b.familyId)?.deviceName).toBe("Second");
    expect(await families.revokeFamilyOf("someone-else", a.familyId, "revoked")).toBe(false);
    expect(await families.revokeFamilyOf(user.id, a.familyId, "revoked")).toBe(true);
    expect(await families.rotateRefreshToken(a.refreshToken)).toMatchObject({ ok: false, reason: "revoked" });
    const ended = await families.revokeFamiliesOf(user.id, "signed_out_everywhere");
    expect(ended).toContain(b.familyId);
    expect(await families.listLiveFamilies(user.id)).toEqual([]);
  });

  it("prunes families that can do nothing any more, with their tokens, and keeps live ones' used tokens for reuse detection", async () => {
    const { pruneApiFamilies } = await import("./prune");
    const now = new Date();
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);
    const live = await families.createFamily(user, ["profile"], META, now);
    const rotated = await families.rotateRefreshToken(live.refreshToken, now);
    expect(rotated.ok).toBe(true);
    const expired = await families.createFamily(user, ["profile"], META, hoursAgo(2)); // absolute lifetime: 1 h
    const revokedLongAgo = await families.createFamily(user, ["profile"], META, now);
    await families.revokeFamily(revokedLongAgo.familyId, "test", new Date(now.getTime() - 16 * 60_000));
    const revokedJustNow = await families.createFamily(user, ["profile"], META, now);
    await families.revokeFamily(revokedJustNow.familyId, "test", now);

    expect(await pruneApiFamilies(now)).toEqual({ expired: 1, revoked: 1 });
    const remaining = await (await db()).apiTokenFamily.findMany({ select: { id: true } });
    const ids = remaining.map((family) => family.id);
    expect(ids).toEqual(expect.arrayContaining([live.familyId, revokedJustNow.familyId]));
    expect(ids).not.toContain(expired.familyId);
    expect(ids).not.toContain(revokedLongAgo.familyId);
    const tokens = await (await db()).apiRefreshToken.findMany({ select: { familyId: true } });
    expect(tokens.filter((token) => [expired.familyId, revokedLongAgo.familyId].includes(token.familyId))).toEqual([]);
    // The rotated-out token is still there, so presenting it again is caught as reuse.
    expect(await families.rotateRefreshToken(live.refreshToken, now)).toMatchObject({ ok: false, reason: "reused" });
    expect(await pruneApiFamilies(now)).toEqual({ expired: 0, revoked: 0 });
  });
});
