import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// `npm run admin`: the command logic against a real database (SQLite, and PostgreSQL in the `postgresql` test project), and the script itself once, as the
// operator runs it, to check what it prints and its exit status.
const database = temporaryDatabase("admin-cli");

beforeAll(async () => {
  await database.setup();
  // Loaded once here, under beforeAll's timeout, so the first test does not pay for it.
  await import("./bootstrap");
}, 60_000);
afterAll(() => database.teardown());

async function account(email: string, role: "USER" | "ADMIN" = "USER") {
  const { getDb } = await import("@/lib/db");
  return getDb().user.create({ data: { email, name: "Someone", role } });
}

async function roleOf(email: string) {
  const { getDb } = await import("@/lib/db");
  return (await getDb().user.findUnique({ where: { email } }))?.role;
}

describe("parseAdminCommand", () => {
  it("reads grant, revoke and list, and explains anything else", async () => {
    const { parseAdminCommand } = await import("./bootstrap");
    expect(parseAdminCommand(["grant", " Boss@Example.test "])).toEqual({ ok: true, value: { name: "grant", email: "boss@example.test" } });
    expect(parseAdminCommand(["revoke", "boss@example.test"])).toEqual({ ok: true, value: { name: "revoke", email: "boss@example.test" } });
    expect(parseAdminCommand(["list"])).toEqual({ ok: true, value: { name: "list" } });
    expect(parseAdminCommand([])).toEqual({ ok: false, message: "no command given" });
    expect(parseAdminCommand(["promote", "a@example.test"])).toEqual({ ok: false, message: 'unknown command "promote"' });
    expect(parseAdminCommand(["grant"])).toEqual({ ok: false, message: "grant takes exactly one email address" });
    expect(parseAdminCommand(["grant", "a@example.test", "b@example.test"])).toEqual({
      ok: false,
      message: "grant takes exactly one email address",
    });
    expect(parseAdminCommand(["revoke", "not-an-address"])).toEqual({ ok: false, message: '"not-an-address" is not an email address' });
    expect(parseAdminCommand(["list", "extra"])).toEqual({ ok: false, message: "list takes no arguments (got extra)" });
  });
});

describe("runAdminCommand", () => {
  it("grants admin to a registered account, once: running it again changes nothing; the trail records it", async () => {
    const { runAdminCommand } = await import("./bootstrap");
    const user = await account("grant-me@example.test");
    const first = await runAdminCommand(["grant", "grant-me@example.test"]);
    expect(first.ok).toBe(true);
    expect(first.lines[0]).toMatch(/^grant-me@example.test is now an admin\./);
    expect(await roleOf("grant-me@example.test")).toBe("ADMIN");
    expect(await runAdminCommand(["grant", "grant-me@example.test"])).toEqual({
      ok: true,
      lines: ["grant-me@example.test is already an admin: nothing changed."],
    });
    const { getDb } = await import("@/lib/db");
    const events = await getDb().activityEvent.findMany({ where: { userId: user.id, type: "role.changed" } });
    expect(events.map((event) => [event.actorId, JSON.parse(event.detail ?? "{}")])).toEqual([
      [null, { from: "USER", to: "ADMIN", via: "cli" }],
    ]);
  });

  it("refuses an address nobody registered, and bad arguments, without changing anything", async () => {
    const { runAdminCommand } = await import("./bootstrap");
    const unknown = await runAdminCommand(["grant", "nobody@example.test"]);
    expect(unknown).toEqual({
      ok: false,
      lines: ["No account uses nobody@example.test. The person registers first (the app's /register page), then run this again."],
    });
    const bad = await runAdminCommand(["grant"]);
    expect(bad.ok).toBe(false);
    expect(bad.lines[1]).toMatch(/^usage: npm run admin -- grant <email>/);
  });

  it("discards waiting setup codes once it has made an admin", async () => {
    const { getDb } = await import("@/lib/db");
    await getDb().user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const { issueSetupCode } = await import("./setup-code");
    expect(await issueSetupCode()).not.toBeNull();
    await account("after-code@example.test");
    const { runAdminCommand } = await import("./bootstrap");
    expect((await runAdminCommand(["grant", "after-code@example.test"])).lines).toContain("Discarded the unused setup code.");
    expect(await getDb().adminSetupCode.count()).toBe(0);
  });

  it("revokes an admin while another active admin remains, never the last one, and says so", async () => {
    const { getDb } = await import("@/lib/db");
    await getDb().user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    await account("keep@example.test", "ADMIN");
    await account("drop@example.test", "ADMIN");
    const { runAdminCommand } = await import("./bootstrap");
    expect(await runAdminCommand(["revoke", "drop@example.test"])).toEqual({
      ok: true,
      lines: ["drop@example.test is no longer an admin."],
    });
    expect(await runAdminCommand(["revoke", "drop@example.test"])).toEqual({
      ok: true,
      lines: ["drop@example.test is not an admin: nothing changed."],
    });
    const last = await runAdminCommand(["revoke", "keep@example.test"]);
    expect(last.ok).toBe(false);
    expect(last.lines[0]).toBe(
      "keep@example.test is the last active admin. Make someone else an admin first, so the app is never left without one.",
    );
    expect(await roleOf("keep@example.test")).toBe("ADMIN");
  });

  it("lists the admins, marking disabled ones", async () => {
    const { getDb } = await import("@/lib/db");
    await getDb().user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const { runAdminCommand } = await import("./bootstrap");
    expect(await runAdminCommand(["list"])).toEqual({ ok: true, lines: ["No admins yet. Make one with: npm run admin -- grant <email>"] });
    await getDb().user.update({ where: { email: "keep@example.test" }, data: { role: "ADMIN" } });
    await getDb().user.update({ where: { email: "drop@example.test" }, data: { role: "ADMIN", disabledAt: new Date() } });
    expect(await runAdminCommand(["list"])).toEqual({
      ok: true,
      lines: ["2 admins:", "  drop@example.test (Someone) — disabled", "  keep@example.test (Someone)"],
    });
  });
});

describe("scripts/admin.mts", () => {
  const run = async (...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789" };
    try {
      const { stdout, stderr } = await promisify(execFile)(join("node_modules", ".bin", "tsx"), ["scripts/admin.mts", ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it("prints what it did and exits 0, or explains and exits 1", async () => {
    await account("cli-user@example.test");
    const granted = await run("grant", "CLI-User@example.test");
    expect(granted).toMatchObject({ code: 0, stderr: "" });
    expect(granted.stdout).toMatch(/^\[admin\] cli-user@example.test is now an admin\./);
    expect(await roleOf("cli-user@example.test")).toBe("ADMIN");
    const unknown = await run("grant", "nobody-here@example.test");
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toContain("[admin] No account uses nobody-here@example.test.");
  }, 60_000);
});
