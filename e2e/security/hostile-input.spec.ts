import fc from "fast-check";
import { adminDevice, captureActionPost, openUserAsAdmin } from "../support/admin";
import { AuthPages } from "../support/auth-pages";
import { countUsers, isDisabled, roleOf, setRole } from "../support/db";
import { expectSignedIn, expectSignedOut, secondDevice } from "../support/devices";
import { expect, test } from "../support/fixtures";
import {
  asText,
  captured,
  CURATED_JSON,
  curatedRounds,
  describeFields,
  eachHostile,
  eachHostileJson,
  hostileFields,
  hostileSeed,
  isolatedIp,
  postAction,
  RANDOM_RUNS,
  type Field,
  type Fields,
} from "../support/hostile";

// The hostile-input suite (SECURITY.md, the security issue): every server action and route handler the
// app has for user input, driven with hostile values — huge strings, control characters, invalid UTF-8
// and lone surrogates, nested JSON, prototype-pollution keys, numbers and files where text belongs. Each
// action is captured from a real submission and first replayed as it was (or with valid values), and its
// effect asserted: so every refusal below is the input's, not a stale action id or a proxy's 4xx. Then
// every curated value (e2e/support/hostile.ts) goes into every field, followed by seeded random runs
// (the seed is on the test as an annotation; E2E_HOSTILE_SEED replays it).
// Properties: never a 5xx (the leak guard and postAction check), and the state change exactly when the
// input is valid — for nearly all hostile input, none.

test.describe.configure({ timeout: 240_000 });

/** A Set-Cookie that sets the session cookie (not one that clears it). */
const SESSION_SET = /session-token=[^;]/;

test("sign-in and registration: the genuine posts sign in and register; hostile ones sign nobody in and create an account only from valid input", async ({
  page,
  auth,
  db,
  newUser,
  newRequestContext,
}) => {
  const seed = hostileSeed();
  const login = captured(await captureActionPost(page, () => auth.fillLogin("someone@example.test", "some password here")));
  const person = newUser();
  const register = captured(await captureActionPost(page, () => auth.fillRegistration(person)));

  // The genuine posts, replayed from a client of their own: an account, then a session.
  const genuine = await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": isolatedIp() } });
  const registered = await postAction(genuine, register, {});
  expect(registered.headers()["x-action-redirect"]).toContain("/dashboard");
  expect(registered.headers()["set-cookie"] ?? "").toMatch(SESSION_SET);
  expect(await countUsers(db, person.email)).toBe(1);
  const signedIn = await postAction(genuine, login, { email: { value: person.email }, password: { value: person.password } });
  expect(signedIn.headers()["x-action-redirect"]).toContain("/dashboard");
  expect(signedIn.headers()["set-cookie"] ?? "").toMatch(SESSION_SET);

  const api = await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": isolatedIp() } });
  // The argument the browser sends along (the form's previous state), with the captured fields.
  await eachHostileJson(seed, async (previousState) => {
    await postAction(api, register, {}, { index: 0, json: previousState });
    const response = await postAction(api, login, {}, { index: 0, json: previousState });
    expect(response.headers()["set-cookie"] ?? "", previousState.slice(0, 80)).not.toMatch(SESSION_SET);
  });
  // No hostile value is an account's email and password: a sign-in is always refused.
  await eachHostile(["email", "password", "callbackUrl"], seed, async (fields) => {
    const response = await postAction(api, login, fields);
    expect(response.headers()["set-cookie"] ?? "", describeFields(fields)).not.toMatch(SESSION_SET);
  });
  // Registration: an account (and a session) exactly when the post was accepted, none otherwise.
  const accepted = new Set<string>([person.email]);
  await eachHostile(["name", "email", "password", "confirmPassword"], seed, async (fields) => {
    const response = await postAction(api, register, fields);
    const email = asText(fields.email).trim().toLowerCase();
    if (response.headers()["x-action-redirect"]) {
      expect(response.headers()["set-cookie"] ?? "", describeFields(fields)).toMatch(SESSION_SET);
      accepted.add(email);
    }
    expect(await countUsers(db, email), describeFields(fields)).toBe(accepted.has(email) ? 1 : 0);
  });
});

test("signed-in actions: each genuine replay takes effect; hostile input answers without a server error and changes nothing", async ({
  page,
  auth,
  onboarding,
  newUser,
  newContext,
}) => {
  const seed = hostileSeed();
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
  const saveProfile = captured(
    await captureActionPost(page, () =>
      onboarding.fillProfile({ fullName: "Ada Lovelace", timeZone: "UTC" }).then(() => onboarding.next()),
    ),
  );
  await page.goto("/onboarding/profile");
  await onboarding.saveProfile({ fullName: "Ada Lovelace", timeZone: "UTC" });
  const workspace = { workspaceName: "Hostile Labs", slug: `hostile-${Date.now()}`, teamSize: "Just me" };
  const saveWorkspace = captured(await captureActionPost(page, () => onboarding.fillWorkspace(workspace).then(() => onboarding.next())));
  await page.goto("/onboarding/workspace");
  await onboarding.saveWorkspace(workspace);
  const savePreferences = captured(
    await captureActionPost(page, () =>
      onboarding.fillPreferences({ useCases: ["Security review"], productUpdates: true, notes: "n" }).then(() => onboarding.next()),
    ),
  );
  await page.goto("/sessions");
  const revoke = captured(
    await captureActionPost(page, () =>
      page
        .getByRole("button", { name: /^Revoke/ })
        .first()
        .click(),
    ),
  );

  const api = page.request; // carries this browser's session cookie (and goes through the leak guard)

  // The genuine replays first. The password post (a wrong current password) reaches the check:
  const refusedPassword = await postAction(api, changePassword, {});
  expect(await refusedPassword.text()).toContain("That is not your current password.");
  // Each step's save, with the progress's current version, is stored and moves on.
  const replaySave = async (step: string, action: typeof saveProfile, fields: Fields, next: string) => {
    await page.goto(`/onboarding/${step}`);
    const version = await page.locator('input[name="version"]').inputValue();
    const response = await postAction(api, action, { ...fields, version: { value: version } });
    expect(response.headers()["x-action-redirect"], step).toContain(`/onboarding/${next}`);
    await page.goto(`/onboarding/${step}`);
  };
  await replaySave("profile", saveProfile, { fullName: { value: "Replayed Name" } }, "workspace");
  await expect(page.getByLabel("Full name")).toHaveValue("Replayed Name");
  await replaySave("workspace", saveWorkspace, { workspaceName: { value: "Replayed Labs" } }, "preferences");
  await expect(page.getByLabel("Workspace name")).toHaveValue("Replayed Labs");
  await replaySave("preferences", savePreferences, { notes: { value: "replayed notes" } }, "review");
  await expect(page.getByLabel("Notes (optional)")).toHaveValue("replayed notes");

  // Then the hostile ones.
  await eachHostile(["currentPassword", "newPassword", "confirmPassword", "signOutOthers"], seed, async (fields) => {
    await postAction(api, changePassword, fields);
  });
  await eachHostile(["fullName", "jobTitle", "timeZone", "version"], seed, async (fields) => {
    await postAction(api, saveProfile, fields);
  });
  await eachHostile(["workspaceName", "slug", "teamSize", "version"], seed, async (fields) => {
    await postAction(api, saveWorkspace, fields);
  });
  await eachHostile(["useCases", "productUpdates", "notes", "version"], seed, async (fields) => {
    await postAction(api, savePreferences, fields);
  });
  // The action's other arguments come from the browser too: the step and the previous state.
  await eachHostileJson(seed, async (previousState) => {
    await postAction(api, saveProfile, {}, { index: 1, json: previousState });
    await postAction(api, saveWorkspace, {}, { index: 0, json: previousState });
  });
  await eachHostile(["sessionId"], seed, async (fields) => {
    await postAction(api, revoke, fields);
  });

  // Nothing changed: the password is the same, the other device is still signed in, this one too,
  // and whatever the form kept renders without error.
  await expectSignedIn(other.page, user);
  await expectSignedIn(page, user);
  for (const step of ["profile", "workspace", "preferences", "review"]) {
    expect((await page.goto(`/onboarding/${step}`))?.status(), step).toBeLessThan(500);
  }
  const fresh = await newContext();
  await new AuthPages(await fresh.newPage()).login(user);
  // The genuine revoke, last (it ends the other device's session): the hostile ones were refused, not lost.
  await postAction(api, revoke, {});
  await expectSignedOut(other.page);
});

test("admin actions: each genuine replay takes effect; a role changes exactly when it is USER or ADMIN for a real user; hostile ids change, disable or sign out no one", async ({
  page,
  auth,
  db,
  newUser,
  newContext,
}) => {
  const seed = hostileSeed();
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
  const revokeOne = captured(
    await captureActionPost(admin.page, () =>
      admin.page
        .getByRole("button", { name: /^Revoke/ })
        .first()
        .click(),
    ),
  );
  await admin.page.reload();
  const revokeAll = captured(
    await captureActionPost(admin.page, () => admin.page.getByRole("button", { name: "Sign out all their sessions" }).click()),
  );
  const api = admin.context.request;

  // The genuine role change, replayed: the target becomes an admin (and is put back).
  await postAction(api, changeRole, {});
  expect(await roleOf(db, target.email)).toBe("ADMIN");
  await setRole(db, target.email, "USER");

  const tryRole = async (fields: Fields, realUser: boolean) => {
    await postAction(api, changeRole, fields);
    const role: Field | null | undefined = fields.role;
    // The schema takes the two roles exactly as written (no trimming, no case folding), from text only.
    const valid = realUser && role !== null && role !== undefined && role.filename === undefined && asText(role) === "ADMIN";
    expect(await roleOf(db, target.email), describeFields(fields)).toBe(valid ? "ADMIN" : "USER");
    if (valid) await setRole(db, target.email, "USER");
  };
  // Every curated value (ADMIN among them) as the role of the real user, then hostile ids too.
  await eachHostile(["role"], seed, (fields) => tryRole(fields, true));
  await eachHostile(["userId", "role"], seed, (fields) => tryRole(fields, false));
  await eachHostile(["userId", "disabled"], seed, async (fields) => {
    await postAction(api, disable, fields);
    expect(await isDisabled(db, target.email), describeFields(fields)).toBe(false);
  });
  await eachHostile(["userId", "sessionId"], seed, async (fields) => {
    await postAction(api, revokeOne, fields);
  });
  await eachHostile(["userId"], seed, async (fields) => {
    await postAction(api, revokeAll, fields);
  });
  // None of it reached the target: still a user, still enabled, still signed in.
  expect(await roleOf(db, target.email)).toBe("USER");
  expect(await isDisabled(db, target.email)).toBe(false);
  await expectSignedIn(page, target);

  // The genuine posts, last (each ends the target's sessions): the same requests do reach the target.
  await postAction(api, revokeOne, {});
  await expectSignedOut(page);
  await auth.login(target);
  await postAction(api, revokeAll, {});
  await expectSignedOut(page);
  await postAction(api, disable, {});
  expect(await isDisabled(db, target.email)).toBe(true);
});

test("route handlers and page parameters: genuine requests take effect; hostile ones answer without a server error, sign nobody in and change no session", async ({
  page,
  auth,
  db,
  newUser,
  baseURL,
  newRequestContext,
}) => {
  const seed = hostileSeed();
  const origin = new URL(baseURL ?? "").origin;
  const user = newUser();
  await auth.register(user);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };

  // POST /api/auth/session: the body is the client's "update". The genuine one (no data) answers with the
  // session; any JSON at all under any key changes nothing.
  const update = async (data: unknown) => {
    const response = await page.request.post("/api/auth/session", { data: { csrfToken, data } });
    expect(response.status(), JSON.stringify(data).slice(0, 80)).toBe(200);
    return ((await response.json()) as { user?: { role?: string } } | null)?.user?.role;
  };
  expect(await update({})).toBe("USER");
  const KEYS = ["__proto__", "constructor", "role", "step", "progress", "sid"];
  const withKey = (key: string, json: string) => JSON.parse(`{"${key}": ${json}, "role": "ADMIN"}`) as unknown;
  for (const key of KEYS) for (const json of CURATED_JSON) await update(withKey(key, json));
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom(...KEYS), async (value, key) => {
      await update(withKey(key, JSON.stringify(value) ?? "null"));
    }),
    { numRuns: RANDOM_RUNS, seed },
  );
  await page.goto("/dashboard");
  await expect(page.getByTestId("user-role")).toHaveText("User");
  expect((await page.goto("/admin/users"))?.status()).toBe(404);

  // The credentials callback, straight. The genuine post signs in (from a client of its own)…
  const signIn = async (api: Awaited<ReturnType<typeof newRequestContext>>, fields: Fields) => {
    const { csrfToken: token } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form: Record<string, string> = { csrfToken: token };
    for (const [name, field] of Object.entries(fields)) {
      if (field) form[name] = typeof field.value === "string" ? field.value : field.value.toString("latin1");
    }
    const response = await api.post("/api/auth/callback/credentials", { form, maxRedirects: 0 });
    expect(response.status(), describeFields(fields)).toBeLessThan(500);
    const location = response.headers().location;
    if (location) expect(new URL(location, origin).origin, describeFields(fields)).toBe(origin);
    return response;
  };
  const genuine = await signIn(await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": isolatedIp() } }), {
    email: { value: user.email },
    password: { value: user.password },
    callbackUrl: { value: "/dashboard" },
  });
  expect(genuine.headers()["set-cookie"] ?? "").toMatch(SESSION_SET);
  // …hostile fields never sign anyone in.
  const api = await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": isolatedIp() } });
  await eachHostile(["email", "password", "callbackUrl"], seed, async (fields) => {
    const response = await signIn(api, fields);
    expect(response.headers()["set-cookie"] ?? "", describeFields(fields)).not.toMatch(SESSION_SET);
  });

  // Query strings and path segments of the pages that read them, as an admin (so the admin pages read
  // their parameters instead of answering 404). The genuine values first: each page reads them.
  await setRole(db, user.email, "ADMIN");
  const paths = (a: string, b: string) => [
    `/login?callbackUrl=${a}`,
    `/activity?type=${a}&page=${b}`,
    `/admin/users?q=${a}&page=${b}`,
    `/onboarding/${a}`,
    `/sessions?x=${a}`,
  ];
  const get = async (path: string) => {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    const location = response.headers().location;
    if (location) expect(new URL(location, origin).origin, path).toBe(origin);
    return response;
  };
  expect((await get("/login?callbackUrl=%2Fsessions")).headers().location).toMatch(/\/sessions$/);
  expect((await get("/activity?type=user.registered&page=1")).status()).toBe(200);
  expect(await (await get(`/admin/users?q=${encodeURIComponent(user.email)}&page=1`)).text()).toContain(user.email);
  expect((await get("/onboarding/profile")).status()).toBe(200);
  expect((await get("/sessions?x=1")).status()).toBe(200);
  const hostilePaths = async (fields: Fields) => {
    const [a, b] = [fields.a, fields.b].map((field) => encodeURIComponent(asText(field).slice(0, 2_000)));
    for (const path of paths(a ?? "", b ?? "")) await get(path);
  };
  for (const fields of curatedRounds(["a", "b"])) await hostilePaths(fields);
  await fc.assert(fc.asyncProperty(hostileFields(["a", "b"]), hostilePaths), { numRuns: RANDOM_RUNS, seed });
  await setRole(db, user.email, "USER");
  await expectSignedIn(page, user);
});
