import { randomUUID } from "node:crypto";
import { sessionCookie } from "./support/auth-pages";
import { activityOf, allActivityText, storedSessionTokens, userIdOf } from "./support/db";
import { expect, test } from "./support/fixtures";

// The activity trail, in every mode: each event type a user causes lands with the right user, the
// request's IP and user agent, a hashed session reference, and no secret.

const SESSION_REF = /^[0-9a-f]{16}$/;

test("a user's own actions are recorded with the right user and session, shown newest first, and hold no secret", async ({
  page,
  auth,
  onboarding,
  db,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  const firstCookie = (await sessionCookie(page.context()))?.value ?? "";
  await page.goto("/sessions");
  await auth.logout();
  await auth.fillLogin(user.email, "definitely not the password");
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await auth.login(user);
  const secondCookie = (await sessionCookie(page.context()))?.value ?? "";

  const newPassword = `a fresh passphrase ${randomUUID().slice(0, 8)}`;
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Your password was changed/)).toBeVisible();
  await page.goto("/onboarding");
  await onboarding.saveProfile({ fullName: "Ada King", jobTitle: "", timeZone: "UTC" });

  const expected = [
    "user.registered",
    "signin.success",
    "page.view",
    "signout",
    "signin.failure",
    "password.changed",
    "onboarding.step_saved",
  ];
  let events = await activityOf(db, user.email);
  await expect
    .poll(
      async () => {
        events = await activityOf(db, user.email);
        return expected.filter((type) => !events.some((event) => event.type === type));
      },
      { message: "every event type appears" },
    )
    .toEqual([]);

  const userId = await userIdOf(db, user.email);
  for (const event of events) {
    expect(event.userId).toBe(userId);
    expect(event.ip, `${event.type} has the client IP`).toMatch(/\d|:/);
    expect(event.userAgent, `${event.type} has the user agent`).toContain("HeadlessChrome");
  }
  const failure = events.find((event) => event.type === "signin.failure");
  expect(failure?.detail).toEqual({ reason: "wrong_password" });
  expect(failure?.sessionRef).toBeNull();

  // Events of one session share its reference; the two sign-ins are two sessions.
  const signIns = events.filter((event) => event.type === "signin.success");
  expect(signIns).toHaveLength(2);
  const [first, second] = signIns.map((event) => event.sessionRef);
  expect(first).toMatch(SESSION_REF);
  expect(second).toMatch(SESSION_REF);
  expect(first).not.toBe(second);
  expect(events.find((event) => event.type === "signout")?.sessionRef).toBe(first);
  expect(events.find((event) => event.type === "password.changed")?.sessionRef).toBe(second);
  expect(events.filter((event) => event.type === "page.view").map((event) => event.path)).toEqual(
    expect.arrayContaining(["/dashboard", "/sessions", "/account/password", "/onboarding/profile"]),
  );
  expect(events.find((event) => event.type === "onboarding.step_saved")?.detail).toEqual({ step: "profile" });

  // No token, stored hash or password anywhere in the trail.
  const text = await allActivityText(db);
  for (const secret of [firstCookie, secondCookie, user.password, newPassword, ...(await storedSessionTokens(db, user.email))]) {
    expect(secret.length).toBeGreaterThan(10);
    expect(text.includes(secret), "the activity table holds a secret").toBe(false);
  }

  // The user's own page lists the events, newest first.
  await page.goto("/activity");
  const rows = page.getByTestId("activity-row");
  await expect(rows.first()).toBeVisible();
  const times = await rows.locator("time").evaluateAll((elements) => elements.map((element) => element.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(5);
  expect(times).toEqual([...times].sort().reverse());
  await page.getByLabel("Event").selectOption("signin.failure");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/type=signin\.failure/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("wrong password");
});

test("a refused sign-in with an unknown email is recorded without a user", async ({ page, auth, db }) => {
  const stranger = `nobody-${randomUUID().slice(0, 8)}@example.test`;
  await auth.fillLogin(stranger, "some password or other");
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect
    .poll(async () => {
      const result = await db.execute({
        sql: `SELECT "userId", "detail" FROM "ActivityEvent" WHERE "type" = 'signin.failure' AND "detail" LIKE ?`,
        args: [`%${stranger}%`],
      });
      return result.rows.map((row) => [row.userId, JSON.parse(String(row.detail))]);
    })
    .toEqual([[null, { reason: "unknown_email", email: stranger }]]);
});
