import { countUsers } from "./support/db";
import { expect, test } from "./support/fixtures";

const HUGE = "x".repeat(10_000);

test.describe("registration refuses bad input clearly and keeps what was typed", () => {
  const cases = [
    {
      title: "all fields empty",
      input: { name: "", email: "", password: "", confirmPassword: "" },
      errors: ["Enter your name.", "Enter your email address.", "Use at least 8 characters.", "Repeat your password."],
    },
    {
      title: "a malformed email",
      input: { email: "not-an-email" },
      errors: ["Enter an email address like name@example.com."],
    },
    {
      title: "a confirmation that does not match",
      input: { confirmPassword: "something else entirely" },
      errors: ["The passwords do not match."],
    },
    { title: "a too-short password", input: { password: "short", confirmPassword: "short" }, errors: ["Use at least 8 characters."] },
    {
      title: "one of the most common passwords",
      input: { password: "Password123", confirmPassword: "Password123" },
      errors: ["This password is one of the most common ones and easy to guess. Try a few unrelated words."],
    },
    { title: "a 10,000-character name", input: { name: HUGE }, errors: ["Names are at most 100 characters."] },
    {
      title: "a 10,000-character email",
      input: { email: `${HUGE}@example.test` },
      errors: ["Email addresses are at most 254 characters."],
    },
    {
      title: "a 10,000-character password",
      input: { password: HUGE, confirmPassword: HUGE },
      errors: ["Use at most 1024 characters."],
    },
  ];

  for (const { title, input, errors } of cases) {
    test(title, async ({ page, auth, db, newUser }) => {
      const user = { ...newUser(), confirmPassword: undefined as string | undefined, ...input };
      await auth.fillRegistration(user);
      for (const error of errors) await expect(page.getByText(error)).toBeVisible();
      await expect(page).toHaveURL(/\/register$/);
      // Nothing typed is lost.
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue(user.name);
      await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue(user.password);
      await expect(page.getByLabel("Confirm password")).toHaveValue(user.confirmPassword ?? user.password);
      // Errors are tied to their fields for assistive technology.
      const invalid = page.locator("input[aria-invalid=true]");
      await expect(invalid).toHaveCount(errors.length);
      for (const field of await invalid.all()) {
        const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
        expect(describedBy).toMatch(/-error/);
      }
      expect(await countUsers(db, user.email.toLowerCase())).toBe(0);
    });
  }

  test("an email that is already registered", async ({ page, auth, db, newUser }) => {
    const existing = newUser();
    await auth.register(existing);
    await auth.logout();

    const second = newUser({ name: "Someone Else", email: existing.email, password: "another long password" });
    await auth.fillRegistration(second);
    await expect(page.getByText("An account with this email already exists.")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Someone Else");
    expect(await countUsers(db, existing.email)).toBe(1);
    // The original password still works: the second registration changed nothing.
    await auth.login(existing);
  });
});

test.describe("sign-in refuses bad input without revealing which part was wrong", () => {
  test("a wrong password and an unknown email get the same message", async ({ page, auth, newUser }) => {
    const user = newUser();
    await auth.register(user);
    await auth.logout();

    await auth.fillLogin(user.email, "not the right password");
    const formAlert = page.getByRole("main").getByRole("alert");
    await expect(formAlert).toHaveText("That email and password do not match an account.");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("not the right password");

    await auth.fillLogin(`nobody-${user.email}`, user.password);
    await expect(formAlert).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("empty, malformed and oversized sign-in fields", async ({ page, auth }) => {
    await auth.fillLogin("", "");
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();

    await auth.fillLogin("not-an-email", "whatever-password");
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();

    await auth.fillLogin("someone@example.test", HUGE);
    await expect(page.getByText("Passwords are at most 1024 characters.")).toBeVisible();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue("someone@example.test");
  });
});
