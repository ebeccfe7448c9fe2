import type { Browser, BrowserContext, Page } from "@playwright/test";
import { AuthPages } from "./support/auth-pages";
import { expect, test, type TestUser } from "./support/fixtures";

/** A second, separate browser signed in as `user`, with its own user agent. */
async function secondDevice(browser: Browser, baseURL: string | undefined, user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
  });
  const page = await context.newPage();
  await new AuthPages(page).login(user);
  return { context, page };
}

async function expectSignedOut(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
}

async function expectSignedIn(page: Page, user: TestUser) {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
}

test.describe("with a session list (database, jwt with sid)", () => {
  test.skip(({ mode }) => mode === "jwt-stateless", "stateless JWT keeps no session list; covered by the test below");

  test("the list shows each device, marks this one, and revoking the other signs it out at its next request", async ({ browser, baseURL, page, auth, newUser }) => {
    const user = newUser();
    await auth.register(user);
    const other = await secondDevice(browser, baseURL, user);

    await page.goto("/sessions");
    const rows = page.getByTestId("session-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "This device" })).toContainText("Headless Chrome on Linux");
    await expect(rows.filter({ hasText: "Firefox on Linux" })).toContainText("IP address");

    await page.getByRole("button", { name: "Revoke Firefox on Linux" }).click();
    await expect(rows).toHaveCount(1);
    await expectSignedOut(other.page);
    await expectSignedIn(page, user);
    await other.context.close();
  });

  test("sign out all other sessions keeps this one; sign out everywhere ends them all", async ({ browser, baseURL, page, auth, newUser }) => {
    const user = newUser();
    await auth.register(user);
    const second = await secondDevice(browser, baseURL, user);
    const third = await secondDevice(browser, baseURL, user);

    await page.goto("/sessions");
    await page.getByRole("button", { name: "Sign out all other sessions" }).click();
    await expect(page.getByText("2 other sessions were signed out.")).toBeVisible();
    await expectSignedOut(second.page);
    await expectSignedOut(third.page);
    await expectSignedIn(page, user);

    const fourth = await secondDevice(browser, baseURL, user);
    await page.goto("/sessions");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expectSignedOut(page);
    await expectSignedOut(fourth.page);
    for (const device of [second, third, fourth]) await device.context.close();
  });

  test("another user's session cannot be revoked", async ({ browser, baseURL, page, auth, newUser, databaseFile }) => {
    const victim = newUser({ name: "Victim" });
    const victimDevice = await (async () => {
      const context = await browser.newContext({ baseURL });
      const victimPage = await context.newPage();
      await new AuthPages(victimPage).register(victim);
      return { context, page: victimPage };
    })();
    const victimSessionId = await (async () => {
      await victimDevice.page.goto("/sessions");
      // Only the owner's own page carries ids; the attacker learns one some other way (a leaked log, say).
      const attacker = newUser({ name: "Attacker" });
      await auth.register(attacker);
      const other = await secondDevice(browser, baseURL, attacker);
      await page.goto("/sessions");
      const ownOtherId = await page.locator('input[name="sessionId"]').first().inputValue();
      await other.context.close();
      return { ownOtherId };
    })();
    expect(victimSessionId.ownOtherId).not.toBe("");

    // Point the attacker's own revoke form at a session of the victim's.
    const { createClient } = await import("@libsql/client");
    const db = createClient({ url: `file:${databaseFile}` });
    const result = await db.execute({
      sql: `SELECT s."id" AS id FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ?`,
      args: [victim.email],
    });
    db.close();
    const victimId = String(result.rows[0]?.id);
    await page.locator('input[name="sessionId"]').first().evaluate((input: HTMLInputElement, id: string) => {
      input.value = id;
    }, victimId);
    await page.getByRole("button", { name: /^Revoke/ }).first().click();
    await expect(page.getByText("That session was not found. It may already have ended.")).toBeVisible();
    await expectSignedIn(victimDevice.page, victim);
    await victimDevice.context.close();
  });
});

test("stateless jwt mode explains why there is no session list", async ({ page, auth, newUser, mode }) => {
  await auth.register(newUser());
  await page.goto("/sessions");
  if (mode === "jwt-stateless") {
    await expect(page.getByRole("heading", { name: "There is no list to show" })).toBeVisible();
    await expect(page.getByText(/a copy of the token .* keeps working until it expires/i)).toBeVisible();
    await expect(page.getByTestId("session-row")).toHaveCount(0);
  } else {
    await expect(page.getByTestId("session-row")).toHaveCount(1);
  }
});

test("changing the password needs the current one and signs out other sessions unless that is impossible", async ({ browser, baseURL, page, auth, newUser, mode }) => {
  const user = newUser();
  await auth.register(user);
  const other = await secondDevice(browser, baseURL, user);

  await page.goto("/account/password");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await page.getByLabel("Confirm new password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("a brand new passphrase");

  await page.getByLabel("Current password").fill(user.password);
  await expect(page.getByLabel("Sign out my other sessions")).toBeChecked();
  await page.getByRole("button", { name: "Change password" }).click();
  if (mode === "jwt-stateless") {
    await expect(page.getByText(/Other devices stay signed in until their tokens expire/)).toBeVisible();
    await expectSignedIn(other.page, user);
  } else {
    await expect(page.getByText("Your password was changed and 1 other session was signed out.")).toBeVisible();
    await expectSignedOut(other.page);
  }
  await expectSignedIn(page, user);

  await auth.logout();
  await auth.fillLogin(user.email, user.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");
  await auth.login({ ...user, password: "a brand new passphrase" });
  await other.context.close();
});
