import { actionHeaders, adminDevice, captureActionPost, openUserAsAdmin } from "./support/admin";
import { activityOf, isDisabled, roleOf, setRole, userIdOf } from "./support/db";
import { expectSignedIn, expectSignedOut } from "./support/devices";
import { expect, test } from "./support/fixtures";
import { measureRevocation } from "./support/revocation";

// Roles and the admin pages, in every mode. Where the modes differ (when a change reaches a signed-in
// user), each test states what its mode must do. Tests make their admins by writing the role into the
// server's database (e2e/support/admin.ts); how an install gets its first admin is e2e/setup.spec.ts.

const ADMIN_PATHS = ["/admin", "/admin/users", "/admin/activity"];

test("a non-admin gets 404 on admin pages, and an admin action they replay changes nothing; a demoted admin loses both at once", async ({
  page,
  auth,
  db,
  newUser,
  newContext,
}) => {
  test.slow(); // two browsers, five sign-ins
  const user = newUser({ name: "Plain User" });
  await auth.register(user);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const ownId = await userIdOf(db, user.email);
  for (const path of [...ADMIN_PATHS, `/admin/users/${ownId}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }

  // An admin's real "Disable account" request, captured before it reached the server…
  const adminUser = newUser({ name: "Admin" });
  const admin = await adminDevice(newContext, db, adminUser);
  await openUserAsAdmin(admin.page, user.email);
  const post = await captureActionPost(admin.page, () => admin.page.getByRole("button", { name: "Disable account" }).click());
  const replay = (request: typeof page.request) =>
    request.fetch(post.url(), { method: "POST", headers: actionHeaders(post), data: post.postDataBuffer() ?? undefined, maxRedirects: 0 });
  // …replayed by the non-admin: the action stops at notFound() before doing anything, so no result comes
  // back and nothing changes. (Next.js answers every server action with HTTP 200; the status is not ours.)
  const refused = await replay(page.request);
  expect(await refused.text()).not.toContain("is disabled;");
  expect(await isDisabled(db, user.email)).toBe(false);
  // The same request from the admin works, so the refusal above was about who sent it.
  const accepted = await replay(admin.context.request);
  expect(await accepted.text()).toContain(`${user.email} is disabled;`);
  expect(await isDisabled(db, user.email)).toBe(true);

  // Demoted in the database: the admin pages close on the next request, in every mode.
  await setRole(db, adminUser.email, "USER");
  expect((await admin.page.goto("/admin/users"))?.status()).toBe(404);
  await db.execute({ sql: `UPDATE "User" SET "disabledAt" = NULL WHERE "email" = ?`, args: [user.email] });
  expect(await (await replay(admin.context.request)).text()).not.toContain("is disabled;");
  expect(await isDisabled(db, user.email)).toBe(false);
  await admin.context.close();
});

test("a role change and a disabled account reach the user: next request (database, jwt sid) or next token (stateless)", async ({
  page,
  auth,
  db,
  newUser,
  mode,
  newContext,
}) => {
  test.slow(); // two browsers, five sign-ins
  const user = newUser({ name: "Target User" });
  await auth.register(user);
  await expect(page.getByTestId("user-role")).toHaveText("User");
  const adminUser = newUser({ name: "Admin" });
  const admin = await adminDevice(newContext, db, adminUser);
  await openUserAsAdmin(admin.page, user.email);

  await admin.page.getByLabel("Role").selectOption("ADMIN");
  await admin.page.getByRole("button", { name: "Save role" }).click();
  await expect(admin.page.getByText(`${user.email} is now ADMIN.`)).toBeVisible();
  expect(await roleOf(db, user.email)).toBe("ADMIN");

  await page.goto("/dashboard");
  if (mode === "jwt-stateless") {
    // The token still says USER: the documented stateless behaviour, stated on the page.
    await expect(page.getByTestId("user-role")).toHaveText("User");
    await expect(page.getByTestId("role-freshness")).toContainText("within AUTH_SESSION_UPDATE_AGE");
    await page.getByRole("button", { name: "Re-issue my session token" }).click();
  }
  await expect(page.getByTestId("user-role")).toHaveText("Administrator");

  await admin.page.getByRole("button", { name: "Disable account" }).click();
  await expect(admin.page.getByText(new RegExp(`${user.email.replace(/[.]/g, "\\.")} is disabled`))).toBeVisible();
  // Measured for /compare: refused at once with a server-side record, accepted until the next re-check without.
  expect(await measureRevocation(mode, "admin-disable", page.context(), Date.now())).toEqual(
    mode === "jwt-stateless" ? { refused: false, acceptedAfter: 2 } : { refused: true, acceptedAfter: 0 },
  );
  if (mode === "jwt-stateless") {
    await expectSignedIn(page, user);
    await page.getByRole("button", { name: "Re-issue my session token" }).click();
    await expect(page).toHaveURL(/\/login/);
  }
  await expectSignedOut(page);
  await auth.fillLogin(user.email, user.password);
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();

  await admin.page.getByRole("button", { name: "Enable account" }).click();
  await expect(admin.page.getByText(`${user.email} can sign in again.`)).toBeVisible();
  await auth.login(user);

  await expect
    .poll(async () =>
      (await activityOf(db, user.email))
        .filter((e) => ["role.changed", "user.disabled", "user.enabled"].includes(e.type))
        .map((e) => [e.type, e.actorEmail]),
    )
    .toEqual([
      ["role.changed", adminUser.email],
      ["user.disabled", adminUser.email],
      ["user.enabled", adminUser.email],
    ]);
  const refused = (await activityOf(db, user.email)).filter((e) => e.type === "signin.failure");
  expect(refused.map((e) => e.detail)).toEqual([{ reason: "disabled" }]);
  await admin.context.close();
});

test("an admin lists and revokes a user's sessions (signs them all out with a token version), and filters the activity log", async ({
  page,
  auth,
  db,
  newUser,
  mode,
  newContext,
}) => {
  const user = newUser({ name: "Watched User" });
  await auth.register(user);
  const adminUser = newUser({ name: "Admin" });
  const admin = await adminDevice(newContext, db, adminUser);
  await openUserAsAdmin(admin.page, user.email);
  if (mode === "jwt-stateless") {
    await expect(admin.page.getByText("the server keeps no list of browser sessions")).toBeVisible();
  } else if (mode === "jwt-version") {
    // No list, but "all of them" is one bump of the user's token version.
    await expect(admin.page.getByText("it keeps no list of browser sessions, so there is none to show")).toBeVisible();
    await expect(admin.page.getByTestId("admin-session-row")).toHaveCount(0);
    await admin.page.getByRole("button", { name: "Sign out all their sessions" }).click();
    await expect(admin.page.getByText("Every session was signed out")).toBeVisible();
    await expectSignedOut(page);
    await expect
      .poll(async () =>
        (await activityOf(db, user.email))
          .filter((e) => e.type === "session.revoked")
          .map((e) => [e.actorEmail, e.detail.scope, e.detail.by]),
      )
      .toEqual([[adminUser.email, "all", "admin"]]);
  } else {
    await expect(admin.page.getByTestId("admin-session-row")).toHaveCount(1);
    await admin.page.getByRole("button", { name: /^Revoke/ }).click();
    await expect(admin.page.getByTestId("admin-session-row")).toHaveCount(0);
    await expectSignedOut(page);
    await expect
      .poll(async () =>
        (await activityOf(db, user.email)).filter((e) => e.type === "session.revoked").map((e) => [e.actorEmail, e.detail.by]),
      )
      .toEqual([[adminUser.email, "admin"]]);
  }

  await admin.page.goto(`/admin/activity?user=${encodeURIComponent(user.email)}`);
  await expect(admin.page.getByTestId("activity-row").first()).toBeVisible();
  const users = await admin.page.getByTestId("activity-row").locator("td:nth-child(3)").allInnerTexts();
  expect(new Set(users)).toEqual(new Set([user.email]));
  await admin.page.getByLabel("Event").selectOption("user.registered");
  await admin.page.getByRole("button", { name: "Filter" }).click();
  await expect(admin.page.getByTestId("activity-row")).toHaveCount(1);
  await expect(admin.page.getByTestId("activity-row")).toHaveAttribute("data-type", "user.registered");
  await admin.context.close();
});
