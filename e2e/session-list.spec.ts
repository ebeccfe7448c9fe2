import { AuthPages } from "./support/auth-pages";
import { activityOf } from "./support/db";
import { expectSignedIn, expectSignedOut, secondDevice } from "./support/devices";
import { expect, test } from "./support/fixtures";
import { measureRevocation } from "./support/revocation";

// Runs in the modes that keep a session list (database, jwt with sid): the jwt-stateless project does
// not match this file (e2e/support/modes.ts), because it has no list.

test("the list shows each device, marks this one, and revoking the other signs it out at its next request", async ({
  page,
  auth,
  db,
  newUser,
  newContext,
  mode,
}) => {
  const user = newUser();
  await auth.register(user);
  const other = await secondDevice(newContext, user);

  await page.goto("/sessions");
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "This device" })).toContainText("Headless Chrome on Linux");
  await expect(rows.filter({ hasText: "Firefox on Linux" })).toContainText("IP address");

  await page.getByRole("button", { name: "Revoke Firefox on Linux" }).click();
  await expect(rows).toHaveCount(1);
  // Measured for /compare; the outcome is what is asserted.
  expect(await measureRevocation(mode, "revoke-session", other.context, Date.now())).toEqual({ refused: true, acceptedAfter: 0 });
  await expectSignedOut(other.page);
  await expectSignedIn(page, user);
  await other.context.close();
  // The trail says which session was revoked, by whom: the user, from this session's own device.
  const events = await activityOf(db, user.email);
  await expect
    .poll(async () =>
      (await activityOf(db, user.email)).filter((e) => e.type === "session.revoked").map((e) => [e.actorEmail, e.detail.by, e.userAgent]),
    )
    .toEqual([[user.email, "self", expect.stringContaining("HeadlessChrome")]]);
  const revoked = (await activityOf(db, user.email)).find((e) => e.type === "session.revoked");
  const signIns = events.filter((e) => e.type === "signin.success");
  expect(signIns.map((e) => e.sessionRef)).toContain(revoked?.sessionRef);
  expect(signIns.find((e) => e.sessionRef === revoked?.sessionRef)?.userAgent, "the revoked session is the Firefox one").toContain(
    "Firefox",
  );
});

test("sign out all other sessions keeps this one; sign out everywhere ends them all", async ({ page, auth, newUser, newContext }) => {
  const user = newUser();
  await auth.register(user);
  const second = await secondDevice(newContext, user);
  const third = await secondDevice(newContext, user);

  await page.goto("/sessions");
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(page.getByText("2 other sessions were signed out.")).toBeVisible();
  await expectSignedOut(second.page);
  await expectSignedOut(third.page);
  await expectSignedIn(page, user);

  const fourth = await secondDevice(newContext, user);
  await page.goto("/sessions");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expectSignedOut(page);
  await expectSignedOut(fourth.page);
  for (const device of [second, third, fourth]) await device.context.close();
});

test("another user's session cannot be revoked", async ({ page, auth, newUser, db, newContext }) => {
  const victim = newUser({ name: "Victim" });
  const victimDevice = await (async () => {
    const context = await newContext();
    const victimPage = await context.newPage();
    await new AuthPages(victimPage).register(victim);
    return { context, page: victimPage };
  })();
  const victimSessionId = await (async () => {
    await victimDevice.page.goto("/sessions");
    // Only the owner's own page carries ids; the attacker learns one some other way (a leaked log, say).
    const attacker = newUser({ name: "Attacker" });
    await auth.register(attacker);
    const other = await secondDevice(newContext, attacker);
    await page.goto("/sessions");
    const ownOtherId = await page.locator('input[name="sessionId"]').first().inputValue();
    await other.context.close();
    return { ownOtherId };
  })();
  expect(victimSessionId.ownOtherId).not.toBe("");

  // Point the attacker's own revoke form at a session of the victim's.
  const result = await db.execute({
    sql: `SELECT s."id" AS "id" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ?`,
    args: [victim.email],
  });
  const victimId = String(result.rows[0]?.id);
  await page
    .locator('input[name="sessionId"]')
    .first()
    .evaluate((input: HTMLInputElement, id: string) => {
      input.value = id;
    }, victimId);
  await page
    .getByRole("button", { name: /^Revoke/ })
    .first()
    .click();
  await expect(page.getByText("That session was not found. It may already have ended.")).toBeVisible();
  await expectSignedIn(victimDevice.page, victim);
  await victimDevice.context.close();
});

// Keyboard only (the accessibility spec covers the other pages): Tab to the button, Enter.
test("a session can be revoked with the keyboard alone", async ({ newContext, page, auth, newUser }) => {
  const user = newUser();
  await auth.register(user);
  const other = await secondDevice(newContext, user);
  await page.goto("/sessions");
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  const revoke = page.getByRole("button", { name: "Revoke Firefox on Linux" });
  // Tab from the top of the page until the Revoke button has focus, then press it.
  await page.locator("body").focus();
  for (let presses = 0; presses < 40 && !(await revoke.evaluate((button) => button === document.activeElement)); presses += 1) {
    await page.keyboard.press("Tab");
  }
  await expect(revoke).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expectSignedOut(other.page);
  await other.context.close();
});
