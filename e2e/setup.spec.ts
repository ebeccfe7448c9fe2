import { readFileSync } from "node:fs";
import { captureActionPost } from "./support/admin";
import { AuthPages } from "./support/auth-pages";
import { activityOf, roleOf } from "./support/db";
import { expect, test } from "./support/fixtures";
import { captured, eachHostile, eachHostileJson, hostileSeed, postAction } from "./support/hostile";
import { MODE_SERVERS } from "./support/modes";

// The first admin of a fresh production install (the `jwt-stateless-setup` server, whose database no
// other spec touches). Registering first earns nothing; the one-time code the server printed to its log
// at start, entered at /setup, makes a signed-in user the admin, and then no code works any more.

/** The setup code in this project's server log: what the person running the server reads. */
function setupCodeFromLog(project: string): string {
  const server = MODE_SERVERS.find((candidate) => candidate.project === project);
  if (!server) throw new Error(`no server for project ${project}`);
  const codes = [...readFileSync(server.logFile, "utf8").matchAll(/setup code: ([A-Z2-7]{5}(?:-[A-Z2-7]{5}){3})/g)];
  const code = codes.at(-1)?.[1];
  if (!code) throw new Error(`${server.logFile} has no setup code: is this server's database fresh (rm -rf .e2e)?`);
  return code;
}

test("on a fresh production install the first person to register is a USER; the setup code from the server log makes them the admin, once", async ({
  page,
  auth,
  db,
  newUser,
  newContext,
}) => {
  test.slow(); // two browsers, two registrations
  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  // Production: the page promises nothing about the first account, and means it.
  await expect(page.getByTestId("first-user-admin")).toHaveCount(0);
  const first = newUser({ name: "First Person" });
  await auth.register(first);
  await expect(page.getByTestId("user-role")).toHaveText("User");
  expect(await roleOf(db, first.email)).toBe("USER");
  expect((await page.goto("/admin/users"))?.status()).toBe(404);

  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Set up the admin" })).toBeVisible();
  const codeField = page.getByLabel("Setup code");
  const submit = page.getByRole("button", { name: "Become the admin" });
  await codeField.fill("not a code");
  await submit.click();
  await expect(page.getByText(/^A setup code is 20 letters and digits/)).toBeVisible();
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await codeField.fill("AAAAA-AAAAA-AAAAA-AAAAA");
  await submit.click();
  await expect(page.getByText(/^That code does not work\./)).toBeVisible();
  // Hostile input (as in e2e/security/hostile-input.spec.ts): the real request, replayed with any code
  // field and any "previous state": never a server error, never a role. First a genuine replay (a
  // well-formed wrong code), to show the replays reach the action: it answers with its refusal.
  const redeem = captured(await captureActionPost(page, () => submit.click()));
  const genuine = await postAction(page.request, redeem, { code: { value: "AAAAA-AAAAA-AAAAA-AAAAB" } });
  expect(await genuine.text()).toContain("That code does not work.");
  const seed = hostileSeed();
  await eachHostile(["code"], seed, async (fields) => {
    await postAction(page.request, redeem, fields);
  });
  await eachHostileJson(seed, async (previousState) => {
    await postAction(page.request, redeem, {}, { index: 0, json: previousState });
  });
  expect(await roleOf(db, first.email)).toBe("USER");

  // Typed loosely, as people copy from a terminal (on a reloaded page: the captured request was aborted).
  await page.goto("/setup");
  await codeField.fill(` ${setupCodeFromLog(test.info().project.name).toLowerCase()} `);
  await submit.click();
  // Stateless sessions: the action re-issued the token, so the new role is there at once.
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByTestId("user-role")).toHaveText("Administrator");
  expect(await roleOf(db, first.email)).toBe("ADMIN");
  await expect
    .poll(async () => (await activityOf(db, first.email)).filter((event) => event.type === "role.changed").map((event) => event.detail))
    .toEqual([{ from: "USER", to: "ADMIN", via: "setup_code" }]);
  // Nothing of the code is kept but its hash, and with an admin in place not even that.
  const codes = await db.execute(`SELECT COUNT(*) AS n FROM "AdminSetupCode"`);
  expect(Number(codes.rows[0]?.n)).toBe(0);

  // Someone else, later: setup codes no longer work, and the page says so instead of offering a form.
  const context = await newContext();
  const other = new AuthPages(await context.newPage());
  const second = newUser({ name: "Second Person" });
  await other.register(second);
  await other.page.goto("/setup");
  await expect(other.page.getByText("This app already has an admin, so setup codes no longer work.")).toBeVisible();
  await expect(other.page.getByLabel("Setup code")).toHaveCount(0);
  expect(await roleOf(db, second.email)).toBe("USER");
  await context.close();
});
