import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { setRole } from "./support/db";
import { expect, SAME_IN_EVERY_MODE, test } from "./support/fixtures";

// Every page: axe finds no serious or critical violation (WCAG 2.1 A and AA rules), and at a phone's width
// (390 px) no page is wider than the screen. Then the two interactive flows done with the keyboard alone:
// the header menu and the onboarding form (revoking a session: e2e/session-list.spec.ts). At the phone's
// width the markup is the same but for the header, whose compact menu axe checks closed and open in the
// menu test; every page is measured there for sideways scrolling.
//
// Each page once where its markup cannot differ: the pages that render the session strategy (the header on
// every page, and the pages below in MODE_PAGES) in every mode this spec runs in, the rest in database
// mode only (the same components whatever the strategy; the onboarding form's storage differs, not its markup).

/** Pages whose content depends on the session strategy (lib/auth/mode.ts), checked in every mode. */
const MODE_PAGES = ["/", "/dashboard", "/sessions", "/inspect"];

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

async function expectAccessible(page: Page, path: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious, `axe on ${path}`).toEqual([]);
  // A positive control of sorts: axe did look at the page (it passes rules on any real page).
  expect(results.passes.length, `axe checked ${path}`).toBeGreaterThan(10);
}

async function expectFitsPhone(page: Page, path: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width} px wide at a ${PHONE.width} px viewport`).toBeLessThanOrEqual(PHONE.width);
}

/** Opens `path` (or checks the page already open): axe at the desktop width, then its width on a phone. */
async function checkPage(page: Page, path: string, navigate = true) {
  await page.setViewportSize(DESKTOP);
  if (navigate) await page.goto(path);
  await page.waitForLoadState("load");
  await expectAccessible(page, path);
  await page.setViewportSize(PHONE);
  await expectFitsPhone(page, path);
  await page.setViewportSize(DESKTOP);
}

test("every page passes axe with no serious or critical violation, and none scrolls sideways at 390 px", async ({
  page,
  auth,
  onboarding,
  db,
  newUser,
  mode,
}) => {
  test.setTimeout(360_000); // about twenty-five pages (3x the default was not enough on a slow CI machine)
  const everyPage = mode === "database";
  for (const path of ["/", "/login", "/register", "/compare"]) if (everyPage || MODE_PAGES.includes(path)) await checkPage(page, path);

  const user = newUser();
  await auth.register(user);
  await setRole(db, user.email, "ADMIN");
  await auth.logout();
  await auth.login(user); // a token carries the role it was issued with: sign in again to get it
  await expect(page.getByTestId("user-role")).toHaveText("Administrator");

  for (const path of ["/dashboard", "/sessions", "/activity", "/account/password", "/setup", "/inspect"])
    if (everyPage || MODE_PAGES.includes(path)) await checkPage(page, path);
  // An admin's view of a user names that user's sessions as the mode keeps them: in every mode.
  if (everyPage) for (const path of ["/admin/users", "/admin/activity"]) await checkPage(page, path);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: user.email }).click();
  await expect(page.getByRole("heading", { name: user.email })).toBeVisible();
  await checkPage(page, "/admin/users/[id]", false);
  if (!everyPage) return;

  await checkPage(page, "/onboarding/profile");
  await onboarding.saveProfile({ fullName: "Ada Lovelace" });
  await checkPage(page, "/onboarding/workspace", false);
  await onboarding.saveWorkspace({ workspaceName: "Analytical", slug: `ax-${Date.now().toString(36)}`, teamSize: "Just me" });
  await checkPage(page, "/onboarding/preferences", false);
  await onboarding.savePreferences({ useCases: ["Security review"], productUpdates: false, notes: "" });
  await checkPage(page, "/onboarding/review", false);
  await onboarding.submit();
  await checkPage(page, "/onboarding/done", false);
});

test("the header's navigation fits a phone: a menu that opens and works with the keyboard", async ({ page, auth, newUser }) => {
  const user = newUser();
  await auth.register(user);
  await page.setViewportSize(PHONE);
  await page.goto("/dashboard");
  const menu = page.locator("summary", { hasText: "Menu" });
  await expect(menu).toBeVisible();
  await expect(page.getByRole("link", { name: "Sessions" })).toBeHidden();
  await expectAccessible(page, `/dashboard at ${PHONE.width} px, the menu closed`);
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Sessions" })).toBeVisible();
  await expectFitsPhone(page, "/dashboard with the menu open");
  await expectAccessible(page, `/dashboard at ${PHONE.width} px, the menu open`);
  await page.getByRole("link", { name: "Sessions" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sessions$/);
});

// The same form and components in every mode (where its progress is kept: e2e/onboarding.spec.ts, every mode).
test("the onboarding form can be filled and submitted with the keyboard alone", SAME_IN_EVERY_MODE, async ({ page, auth, newUser }) => {
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding/profile");

  // Profile: the first field, typed; then Tab to the next ones; Enter submits the form.
  await page.getByLabel("Full name").focus();
  await page.keyboard.type("Grace Hopper");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Job title (optional)")).toBeFocused();
  await page.keyboard.type("Rear admiral");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/onboarding\/workspace$/);

  await page.getByLabel("Workspace name").focus();
  await page.keyboard.type("Compilers");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("URL slug")).toBeFocused();
  await page.keyboard.type(`kb-${Date.now().toString(36)}`);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Team size")).toBeFocused();
  await page.keyboard.press("ArrowDown"); // a closed select takes arrow keys: the next option
  await expect(page.getByLabel("Team size")).not.toHaveValue("");
  await page.getByLabel("Workspace name").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/onboarding\/preferences$/);

  const useCase = page.getByLabel("Security review");
  await useCase.focus();
  await page.keyboard.press("Space");
  await expect(useCase).toBeChecked();
  // Tab until the submit button has focus, then press it.
  const save = page.getByRole("button", { name: "Save and continue" });
  for (let presses = 0; presses < 20 && !(await save.evaluate((button) => button === document.activeElement)); presses += 1) {
    await page.keyboard.press("Tab");
  }
  await expect(save).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/onboarding\/review$/);

  const submit = page.getByRole("button", { name: "Submit" });
  await submit.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/onboarding\/done$/);
  await expect(page.getByText("Grace Hopper")).toBeVisible();
});
