import { expectSignedIn, expectSignedOut, secondDevice } from "./support/devices";
import { expect, test } from "./support/fixtures";
import { measureRevocation } from "./support/revocation";

test("changing the password needs the current one and signs out other sessions unless that is impossible", async ({
  page,
  auth,
  newUser,
  mode,
  newContext,
}) => {
  const user = newUser();
  await auth.register(user);
  const other = await secondDevice(newContext, user);

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
    expect(await measureRevocation(mode, "password-change", other.context, Date.now())).toEqual({ refused: false, acceptedAfter: 2 });
    await expectSignedIn(other.page, user);
  } else if (mode === "jwt-version") {
    // One bump of the token version ends every other token; this browser's is re-issued with the new one.
    await expect(page.getByText("Your password was changed and every other device was signed out.")).toBeVisible();
    expect(await measureRevocation(mode, "password-change", other.context, Date.now())).toEqual({ refused: true, acceptedAfter: 0 });
    await expectSignedOut(other.page);
  } else {
    await expect(page.getByText("Your password was changed and 1 other session was signed out.")).toBeVisible();
    expect(await measureRevocation(mode, "password-change", other.context, Date.now())).toEqual({ refused: true, acceptedAfter: 0 });
    await expectSignedOut(other.page);
  }
  await expectSignedIn(page, user);

  await auth.logout();
  await auth.fillLogin(user.email, user.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");
  await auth.login({ ...user, password: "a brand new passphrase" });
  await other.context.close();
});
