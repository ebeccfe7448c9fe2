import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatSetupCode, setupCodeSchema } from "@/lib/forms/setup";
import { temporaryDatabase } from "@/lib/testing/database";

// The one-time admin setup code against a real database (SQLite, and PostgreSQL in the `postgresql` test project): issued only while no active admin exists,
// stored as SHA-256, single use (also when redeemed twice at once), expiring, refused once an admin exists.
const database = temporaryDatabase("setup-code", { ADMIN_SETUP_CODE_MAX_AGE: "600" });

beforeAll(async () => {
  await database.setup();
  // Loaded once here, under beforeAll's timeout, so the first test does not pay for it.
  await import("./setup-code");
}, 60_000);
afterAll(() => database.teardown());

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
let counter = 0;

async function db() {
  return (await import("@/lib/db")).getDb();
}

async function newUser(): Promise<string> {
  const email = `setup-${(counter += 1)}@example.test`;
  return (await (await db()).user.create({ data: { email } })).id;
}

async function roleOf(userId: string) {
  return (await (await db()).user.findUnique({ where: { id: userId } }))?.role;
}

// Each test starts on a "fresh install": no admin, no codes.
beforeEach(async () => {
  const client = await db();
  await client.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
  await client.adminSetupCode.deleteMany({});
});

describe("issueSetupCode", () => {
  it("issues a 100-bit code stored only as its SHA-256, valid for ADMIN_SETUP_CODE_MAX_AGE", async () => {
    const { issueSetupCode } = await import("./setup-code");
    const issued = await issueSetupCode(at(0));
    expect(issued?.code).toMatch(/^[A-Z2-7]{20}$/);
    expect(issued?.expiresAt).toEqual(at(600));
    const rows = await (await db()).adminSetupCode.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.codeHash).toBe(
      createHash("sha256")
        .update(issued?.code ?? "")
        .digest("hex"),
    );
    expect(JSON.stringify(rows)).not.toContain(issued?.code);
    const another = await issueSetupCode(at(1));
    expect(another?.code).not.toBe(issued?.code);
  });

  it("issues nothing while an active admin exists, and clears expired codes when it issues", async () => {
    const { issueSetupCode } = await import("./setup-code");
    await issueSetupCode(at(0));
    await issueSetupCode(at(700)); // the first has expired by now
    expect(await (await db()).adminSetupCode.count()).toBe(1);
    const admin = await newUser();
    await (await db()).user.update({ where: { id: admin }, data: { role: "ADMIN" } });
    expect(await issueSetupCode(at(800))).toBeNull();
  });
});

describe("redeemSetupCode", () => {
  it("makes the signed-in user the admin once, accepting the code as printed or typed loosely, and discards every other code", async () => {
    const { issueSetupCode, redeemSetupCode } = await import("./setup-code");
    const issued = await issueSetupCode(at(0));
    await issueSetupCode(at(1));
    const user = await newUser();
    const typed = setupCodeSchema.parse({ code: ` ${formatSetupCode(issued?.code ?? "").toLowerCase()} ` }).code;
    expect(await redeemSetupCode(user, typed, at(10))).toEqual({ ok: true });
    expect(await roleOf(user)).toBe("ADMIN");
    expect(await (await db()).adminSetupCode.count()).toBe(0);
  });

  it("refuses a wrong code, and the right code after it expires", async () => {
    const { issueSetupCode, redeemSetupCode } = await import("./setup-code");
    const issued = await issueSetupCode(at(0));
    const user = await newUser();
    expect(await redeemSetupCode(user, "AAAAAAAAAAAAAAAAAAAA", at(10))).toEqual({ ok: false, reason: "invalid" });
    expect(await redeemSetupCode(user, issued?.code ?? "", at(600))).toEqual({ ok: false, reason: "invalid" });
    expect(await roleOf(user)).toBe("USER");
  });

  it("works once: a second use is refused, also by someone else", async () => {
    const { issueSetupCode, redeemSetupCode } = await import("./setup-code");
    const code = (await issueSetupCode(at(0)))?.code ?? "";
    const [first, second] = [await newUser(), await newUser()];
    expect(await redeemSetupCode(first, code, at(10))).toEqual({ ok: true });
    expect((await redeemSetupCode(second, code, at(11))).ok).toBe(false);
    // With the admin gone, the used code still does nothing: it was deleted when it was used.
    await (await db()).user.update({ where: { id: first }, data: { role: "USER" } });
    expect(await redeemSetupCode(second, code, at(12))).toEqual({ ok: false, reason: "invalid" });
    expect(await roleOf(second)).toBe("USER");
  });

  it("makes exactly one admin when one code, or two different codes, are redeemed at the same moment", async () => {
    const { issueSetupCode, redeemSetupCode } = await import("./setup-code");
    const code = (await issueSetupCode(at(0)))?.code ?? "";
    const users = await Promise.all([1, 2, 3, 4].map(() => newUser()));
    const sameCode = await Promise.all(users.map((user) => redeemSetupCode(user, code, at(10))));
    expect(sameCode.filter((result) => result.ok)).toHaveLength(1);
    expect(await (await db()).user.count({ where: { role: "ADMIN" } })).toBe(1);

    await (await db()).user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const codes = [(await issueSetupCode(at(20)))?.code ?? "", (await issueSetupCode(at(21)))?.code ?? ""];
    const twoCodes = await Promise.all(codes.map((each, i) => redeemSetupCode(users[i] ?? "", each, at(30))));
    expect(twoCodes.filter((result) => result.ok)).toHaveLength(1);
    expect(await (await db()).user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("is refused once an active admin exists, even with a live code", async () => {
    const { issueSetupCode, redeemSetupCode } = await import("./setup-code");
    const code = (await issueSetupCode(at(0)))?.code ?? "";
    const admin = await newUser();
    await (await db()).user.update({ where: { id: admin }, data: { role: "ADMIN" } });
    const user = await newUser();
    expect(await redeemSetupCode(user, code, at(10))).toEqual({ ok: false, reason: "admin_exists" });
    expect(await roleOf(user)).toBe("USER");
  });
});

describe("setupCodeSchema", () => {
  it("normalises case, spaces and dashes, and explains what a code looks like", () => {
    expect(setupCodeSchema.parse({ code: "abcde-fghij klmno-pqrs7" })).toEqual({ code: "ABCDEFGHIJKLMNOPQRS7" });
    const message = (code: unknown) => setupCodeSchema.safeParse({ code }).error?.issues[0]?.message;
    expect(message("")).toBe("Enter the setup code from the server log.");
    expect(message(undefined)).toBe("Enter the setup code from the server log.");
    expect(message("ABCDE-FGHIJ")).toMatch(/^A setup code is 20 letters and digits/);
    expect(message("ABCDE-FGHIJ-KLMNO-PQRS1")).toMatch(/^A setup code is 20 letters and digits/); // 1 is not base32
    expect(message("A".repeat(10_000))).toMatch(/^A setup code is 20 letters and digits/);
  });
});
