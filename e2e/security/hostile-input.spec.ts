import fc from "fast-check";
import { expect, test } from "../support/fixtures";
import { adminDevice, captureActionPost, openUserAsAdmin } from "../support/admin";
import { AuthPages } from "../support/auth-pages";
import { countUsers, roleOf, setRole, isDisabled } from "../support/db";
import { secondDevice, expectSignedIn } from "../support/devices";
import { asText, captured, describeFields, hostileFields, hostileJson, hostileValue, isolatedIp, postAction, RUNS } from "../support/hostile";

// The hostile-input suite (SECURITY.md, the security issue): fast-check drives every server action and
// route handler with random and hostile values — huge strings, control characters, invalid UTF-8 and
// lone surrogates, nested JSON, prototype-pollution keys, numbers and files where text belongs. Each
// action is captured from a real submission, then replayed with its user-typed fields replaced.
// Properties: never a 5xx (the leak guard and postAction check), and no state change on refusal.

test.describe.configure({ timeout: 180_000 });

test("sign-in and registration: no server error, nobody signed in, no account from refused input", async ({ page, auth, db, newUser, newRequestContext }) => {
  const login = captured(await captureActionPost(page, () => auth.fillLogin("someone@example.test", "some password here")));
  const register = captured(await captureActionPost(page, () => auth.fillRegistration(newUser())));
  const api = await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": isolatedIp() } });

  await fc.assert(
    fc.asyncProperty(hostileFields(["email", "password", "callbackUrl"]), hostileJson, async (fields, previousState) => {
      await postAction(api, register, {}, { index: 0, json: previousState });
      const response = await postAction(api, login, fields, { index: 0, json: previousState });
      expect(response.headers()["set-cookie"] ?? "", describeFields(fields)).not.toMatch(/session-token=[^;]/);
    }),
    RUNS,
  );
  await fc.assert(
    fc.asyncProperty(hostileFields(["name", "email", "password", "confirmPassword"]), async (fields) => {
      const response = await postAction(api, register, fields);
      if (!response.headers()["x-action-redirect"]) {
        expect(await countUsers(db, asText(fields.email).trim().toLowerCase()), describeFields(fields)).toBe(0);
      }
    }),
    RUNS,
  );
  await api.dispose();
});

test("signed-in actions: no server error, and refused input changes nothing", async ({ page, auth, onboarding, newUser, newContext }) => {
  const user = newUser();
  await auth.register(user);
  const other = await secondDevice(newContext, user);

  await page.goto("/account/password");
  const changePassword = captured(
    await captureActionPost(page, async () => {
      await page.getByLabel("Current password").fill("not my password");
      await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
      await page.getByLabel("Confirm new password").fill("a brand new passphrase");
      await page.getByRole("button", { name: "Change password" }).click();
    }),
  );
  // Each step's save, captured, then made for real so the next step opens.
  await page.goto("/onboarding/profile");
  const saveProfile = captured(await captureActionPost(page, () => onboarding.fillProfile({ fullName: "Ada Lovelace", timeZone: "UTC" }).then(() => onboarding.next())));
  await page.goto("/onboarding/profile");
  await onboarding.saveProfile({ fullName: "Ada Lovelace", timeZone: "UTC" });
  const workspace = { workspaceName: "Hostile Labs", slug: `hostile-${Date.now()}`, teamSize: "Just me" };
  const saveWorkspace = captured(await captureActionPost(page, () => onboarding.fillWorkspace(workspace).then(() => onboarding.next())));
  await page.goto("/onboarding/workspace");
  await onboarding.saveWorkspace(workspace);
  const savePreferences = captured(
    await captureActionPost(page, () => onboarding.fillPreferences({ useCases: ["Security review"], productUpdates: true, notes: "n" }).then(() => onboarding.next())),
  );
  await page.goto("/sessions");
  const revoke = captured(await captureActionPost(page, () => page.getByRole("button", { name: /^Revoke/ }).first().click()));

  const api = page.request; // carries this browser's session cookie
  await fc.assert(
    fc.asyncProperty(hostileFields(["currentPassword", "newPassword", "confirmPassword", "signOutOthers"]), async (fields) => {
      await postAction(api, changePassword, fields);
    }),
    RUNS,
  );
  await fc.assert(
    fc.asyncProperty(
      hostileFields(["fullName", "jobTitle", "timeZone", "version"]),
      hostileFields(["workspaceName", "slug", "teamSize", "version"]),
      hostileFields(["useCases", "productUpdates", "notes", "version"]),
      hostileJson,
      async (profile, workspaceFields, preferences, previousState) => {
        await postAction(api, saveProfile, profile);
        await postAction(api, saveWorkspace, workspaceFields);
        await postAction(api, savePreferences, preferences);
        // The action's other arguments come from the browser too: the step and the previous state.
        await postAction(api, saveProfile, {}, { index: 1, json: previousState });
        await postAction(api, saveWorkspace, {}, { index: 0, json: previousState });
      },
    ),
    RUNS,
  );
  await fc.assert(
    fc.asyncProperty(hostileFields(["sessionId"]), async (fields) => {
      await postAction(api, revoke, fields);
    }),
    RUNS,
  );

  // Nothing changed: the password is the same, the other device is still signed in, this one too,
  // and whatever the form kept renders without error.
  await expectSignedIn(other.page, user);
  await other.context.close();
  await expectSignedIn(page, user);
  for (const step of ["profile", "workspace", "preferences", "review"]) {
    expect((await page.goto(`/onboarding/${step}`))?.status(), step).toBeLessThan(500);
  }
  const fresh = await newContext();
  await new AuthPages(await fresh.newPage()).login(user);
  await fresh.close();
});

test("admin actions: no server error, and an invalid role or id changes, disables or signs out no one", async ({ page, auth, db, newUser, newContext }) => {
  const target = newUser({ name: "Target User" });
  await auth.register(target);
  const admin = await adminDevice(newContext, db, newUser({ name: "Admin User" }));
  await openUserAsAdmin(admin.page, target.email);
  const changeRole = captured(
    await captureActionPost(admin.page, async () => {
      await admin.page.getByLabel("Role").selectOption("ADMIN");
      await admin.page.getByRole("button", { name: "Save role" }).click();
    }),
  );
  await admin.page.reload(); // the captured (aborted) post left that form pending
  const disable = captured(await captureActionPost(admin.page, () => admin.page.getByRole("button", { name: "Disable account" }).click()));
  await admin.page.reload();
  const revokeOne = captured(await captureActionPost(admin.page, () => admin.page.getByRole("button", { name: /^Revoke/ }).first().click()));
  await admin.page.reload();
  const revokeAll = captured(await captureActionPost(admin.page, () => admin.page.getByRole("button", { name: "Sign out all their sessions" }).click()));

  await fc.assert(
    fc.asyncProperty(hostileValue, hostileFields(["userId", "role"]), async (role, fields) => {
      // A real user with a hostile role, then hostile everything.
      for (const attempt of [{ role: { value: role } }, fields]) {
        await postAction(admin.context.request, changeRole, attempt);
        const stored = await roleOf(db, target.email);
        if (stored !== "USER") {
          expect(asText(attempt.role).trim(), describeFields(attempt)).toBe("ADMIN");
          await setRole(db, target.email, "USER");
        }
      }
    }),
    RUNS,
  );
  await fc.assert(
    fc.asyncProperty(hostileFields(["userId"]), async (fields) => {
      await postAction(admin.context.request, disable, fields);
      expect(await isDisabled(db, target.email), describeFields(fields)).toBe(false);
    }),
    RUNS,
  );
  await fc.assert(
    fc.asyncProperty(hostileFields(["userId", "sessionId"]), hostileFields(["userId"]), async (one, all) => {
      await postAction(admin.context.request, revokeOne, one);
      await postAction(admin.context.request, revokeAll, all);
    }),
    RUNS,
  );
  // None of it reached the target: still a user, still enabled, still signed in.
  expect(await roleOf(db, target.email)).toBe("USER");
  await expectSignedIn(page, target);
  await admin.context.close();
});

test("route handlers and page parameters: no server error, no session from hostile posts, no change from a hostile session update", async ({ page, auth, newUser, baseURL, newRequestContext }) => {
  const user = newUser();
  await auth.register(user);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };

  // POST /api/auth/session: the body is the client's "update" — any JSON at all changes nothing.
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom("__proto__", "constructor", "role", "step", "progress", "sid"), async (value, key) => {
      const data = JSON.parse(`{"${key}": ${JSON.stringify(value) ?? "null"}, "role": "ADMIN"}`) as unknown;
      const response = await page.request.post("/api/auth/session", { data: { csrfToken, data } });
      expect(response.status()).toBeLessThan(500);
    }),
    RUNS,
  );
  await page.goto("/dashboard");
  await expect(page.getByTestId("user-role")).toHaveText("User");
  expect((await page.goto("/admin/users"))?.status()).toBe(404);

  // The credentials callback, straight: hostile fields never sign anyone in.
  const api = await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": isolatedIp() } });
  const { csrfToken: apiToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await fc.assert(
    fc.asyncProperty(hostileValue, hostileValue, hostileValue, async (email, password, callbackUrl) => {
      const form = { csrfToken: apiToken, email: String(email), password: String(password), callbackUrl: String(callbackUrl) };
      const response = await api.post("/api/auth/callback/credentials", { form, maxRedirects: 0 });
      expect(response.status()).toBeLessThan(500);
      expect(response.headers()["set-cookie"] ?? "").not.toMatch(/session-token=[^;]/);
      const location = response.headers().location;
      if (location) expect(new URL(location, baseURL).origin).toBe(new URL(baseURL ?? "").origin);
    }),
    RUNS,
  );
  await api.dispose();

  // Query strings and path segments of the pages that read them.
  await fc.assert(
    fc.asyncProperty(hostileValue, hostileValue, async (first, second) => {
      const a = encodeURIComponent(String(first).slice(0, 2_000));
      const b = encodeURIComponent(String(second).slice(0, 2_000));
      for (const path of [`/login?callbackUrl=${a}`, `/activity?type=${a}&page=${b}`, `/admin/users?q=${a}&page=${b}`, `/onboarding/${a}`, `/sessions?x=${a}`]) {
        const response = await page.request.get(path, { maxRedirects: 0 });
        expect(response.status(), path).toBeLessThan(500);
        const location = response.headers().location;
        if (location) expect(new URL(location, baseURL).origin, path).toBe(new URL(baseURL ?? "").origin);
      }
    }),
    RUNS,
  );
  await expectSignedIn(page, user);
});
