import { execFile } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { SignJWT } from "jose";
import { signingKeys } from "../lib/api/keys";
import { adminDevice, openUserAsAdmin } from "./support/admin";
import type { AuthPages } from "./support/auth-pages";
import { activityOf, submissionsOf } from "./support/db";
import { expect, SAME_IN_EVERY_MODE, test, type TestUser } from "./support/fixtures";
import { CURATED_JSON, isolatedIp } from "./support/hostile";
import { E2E_SECRET } from "./support/modes";

// The bearer API (docs/api.md) as a non-browser client uses it: request fixtures only, a browser just to
// register and to revoke on /sessions. The API keeps its own state in the database in every mode, so the
// tests of the API alone are tagged same-in-every-mode (database projects only); what meets the browser
// strategy (the session list, sign-out everywhere, a password change) runs in every mode.

type Tokens = { access_token: string; refresh_token: string; token_type: string; expires_in: number; scope: string };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const run = promisify(execFile);

async function signIn(api: APIRequestContext, user: TestUser, extra: Record<string, string> = {}): Promise<Tokens> {
  const response = await api.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: user.email, password: user.password, ...extra },
    headers: { "X-Forwarded-For": isolatedIp() },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as Tokens;
}

const refresh = (api: APIRequestContext, token: string) =>
  api.post("/api/v1/auth/token", { form: { grant_type: "refresh_token", refresh_token: token } });

async function expectInvalidToken(response: APIResponse) {
  expect(response.status()).toBe(401);
  expect(response.headers()["www-authenticate"]).toMatch(/^Bearer .*error="invalid_token"/);
  expect(response.headers()["content-type"]).toContain("application/json");
}

/** A fresh account, registered through the web form (the page stays signed in). */
async function registered(auth: AuthPages, newUser: (overrides?: Partial<TestUser>) => TestUser): Promise<TestUser> {
  const user = newUser();
  await auth.register(user);
  return user;
}

test("sign in, read /me, refresh after the access token expires, then revoke", SAME_IN_EVERY_MODE, async ({ request, auth, newUser }) => {
  const user = await registered(auth, newUser);
  const wrong = await request.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: user.email, password: "not the password" },
    headers: { "X-Forwarded-For": isolatedIp() },
  });
  expect(wrong.status()).toBe(400);
  expect(await wrong.json()).toEqual({ error: "invalid_grant", error_description: "That email and password do not match an account." });

  const response = await request.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: user.email, password: user.password },
    headers: { "X-Forwarded-For": isolatedIp() },
  });
  expect(response.headers()["cache-control"]).toContain("no-store");
  const tokens = (await response.json()) as Tokens;
  expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 900, scope: "profile onboarding" });
  expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const claims = claimsOf(tokens.access_token);
  expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
  expect(claims).toMatchObject({ scope: "profile onboarding" });
  for (const name of ["iss", "aud", "sub", "sid", "jti"]) expect(typeof claims[name]).toBe("string");

  // The JWKS names the key the token was signed with.
  const header = JSON.parse(Buffer.from(tokens.access_token.split(".")[0] ?? "", "base64url").toString()) as { kid: string; alg: string };
  expect(header.alg).toBe("EdDSA");
  const jwks = (await (await request.get("/.well-known/jwks.json")).json()) as { keys: { kid: string; d?: string }[] };
  expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);
  expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);

  const me = await request.get("/api/v1/me", { headers: bearer(tokens.access_token) });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: user.email, name: user.name, role: "USER" });
  await expectInvalidToken(await request.get("/api/v1/me"));

  // The same token as it will be in 15 minutes (signed with the server's own key, derived from its secret).
  const [key] = await signingKeys([E2E_SECRET]);
  if (!key) throw new Error("no key");
  const past = Math.floor(Date.now() / 1000) - 1_000;
  const expired = await new SignJWT({ ...claims, iat: past, exp: past + 900 })
    .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: key.kid })
    .sign(key.privateKey);
  const expiredResponse = await request.get("/api/v1/me", { headers: bearer(expired) });
  await expectInvalidToken(expiredResponse);
  expect((await expiredResponse.json()).error_description).toBe("The access token has expired.");

  const renewed = await refresh(request, tokens.refresh_token);
  expect(renewed.status()).toBe(200);
  const next = (await renewed.json()) as Tokens;
  expect(next.refresh_token).not.toBe(tokens.refresh_token);
  expect((await request.get("/api/v1/me", { headers: bearer(next.access_token) })).status()).toBe(200);

  // RFC 7009: the family ends; both its access tokens stop working here at once.
  expect((await request.post("/api/v1/auth/revoke", { form: { token: next.refresh_token } })).status()).toBe(200);
  await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(next.access_token) }));
  expect((await refresh(request, next.refresh_token)).status()).toBe(400);
  // Unknown tokens get the same 200 (nothing to learn).
  expect((await request.post("/api/v1/auth/revoke", { form: { token: "unknown" } })).status()).toBe(200);
});

test(
  "a reused refresh token ends the family; of two concurrent refreshes exactly one wins",
  SAME_IN_EVERY_MODE,
  async ({ request, db, auth, newUser }) => {
    const user = await registered(auth, newUser);
    const first = await signIn(request, user);
    const second = (await (await refresh(request, first.refresh_token)).json()) as Tokens;
    const reused = await refresh(request, first.refresh_token);
    expect(reused.status()).toBe(400);
    expect((await reused.json()).error).toBe("invalid_grant");
    expect((await refresh(request, second.refresh_token)).status()).toBe(400);
    await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(second.access_token) }));
    await expect.poll(async () => (await activityOf(db, user.email)).filter((event) => event.type === "api.refresh_reused").length).toBe(1);

    const race = await signIn(request, user);
    const [a, b] = await Promise.all([refresh(request, race.refresh_token), refresh(request, race.refresh_token)]);
    expect([a.status(), b.status()].sort()).toEqual([200, 400]);
    const winner = (await (a.status() === 200 ? a : b).json()) as Tokens;
    // The loser counts as reuse (docs/api.md): the winner's new refresh token is refused too.
    expect((await refresh(request, winner.refresh_token)).status()).toBe(400);
  },
);

test(
  "hostile access tokens are refused: alg none, HS256 with the public key, wrong aud or iss, a foreign kid, jku/jwk",
  SAME_IN_EVERY_MODE,
  async ({ request, auth, newUser }) => {
    const user = await registered(auth, newUser);
    const tokens = await signIn(request, user);
    const claims = claimsOf(tokens.access_token);
    const [ours] = await signingKeys([E2E_SECRET]);
    if (!ours) throw new Error("no key");
    const foreign = generateKeyPairSync("ed25519");
    const publicPem = ours.publicKey.export({ type: "spki", format: "pem" });
    const hs256Input = `${b64({ alg: "HS256", typ: "at+jwt", kid: ours.kid })}.${b64(claims)}`;
    const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = {}, key = ours.privateKey) =>
      new SignJWT(payload).setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: ours.kid, ...header }).sign(key);
    const hostile = [
      `${b64({ alg: "none", typ: "at+jwt", kid: ours.kid })}.${b64(claims)}.`,
      `${hs256Input}.${createHmac("sha256", publicPem).update(hs256Input).digest("base64url")}`,
      await sign({ ...claims, aud: "https://other.example/api" }),
      await sign({ ...claims, iss: "https://evil.example" }),
      await sign(claims, { kid: "foreign" }, foreign.privateKey),
      await sign(claims, {}, foreign.privateKey),
      await sign(claims, { jku: "https://evil.example/jwks.json" }, foreign.privateKey),
      await sign(claims, { jwk: foreign.publicKey.export({ format: "jwk" }) }, foreign.privateKey),
    ];
    for (const token of hostile) await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(token) }));
    expect((await request.get("/api/v1/me", { headers: bearer(tokens.access_token) })).status()).toBe(200);

    // Scope: a profile-only token cannot touch onboarding.
    const narrow = await signIn(request, user, { scope: "profile" });
    const refused = await request.get("/api/v1/onboarding", { headers: bearer(narrow.access_token) });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["www-authenticate"]).toContain('error="insufficient_scope"');
  },
);

test(
  "onboarding through the API: order, versions, validation and an idempotent submit",
  SAME_IN_EVERY_MODE,
  async ({ request, db, auth, newUser }) => {
    const user = await registered(auth, newUser);
    const tokens = await signIn(request, user);
    const headers = bearer(tokens.access_token);
    const put = (step: string, data: unknown) => request.put(`/api/v1/onboarding/steps/${step}`, { headers, data });
    expect(await (await request.get("/api/v1/onboarding", { headers })).json()).toMatchObject({ version: 0, nextStep: "profile" });

    const early = await put("workspace", { version: 0, answers: { workspaceName: "Orbit", slug: "orbit", teamSize: "1" } });
    expect(early.status()).toBe(409);
    expect((await early.json()).error).toBe("order");
    const invalid = await put("profile", { version: 0, answers: { fullName: "", timeZone: "Mars/Olympus" } });
    expect(invalid.status()).toBe(422);
    expect((await invalid.json()).fieldErrors).toHaveProperty("timeZone");

    expect((await put("profile", { version: 0, answers: { fullName: "Grace Hopper", timeZone: "UTC" } })).status()).toBe(200);
    const stale = await put("profile", { version: 0, answers: { fullName: "Someone else", timeZone: "UTC" } });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error).toBe("conflict");
    const slug = `api-${randomUUID().slice(0, 8)}`;
    expect((await put("workspace", { version: 1, answers: { workspaceName: "Orbit", slug, teamSize: "2-10" } })).status()).toBe(200);
    const preferences = await put("preferences", { version: 2, answers: { useCases: ["security"], productUpdates: true, notes: "" } });
    expect(await preferences.json()).toMatchObject({ version: 3, completed: 3, nextStep: "review" });
    const { formId } = (await (await request.get("/api/v1/onboarding", { headers })).json()) as { formId: string };

    const submitted = await put("review", { formId });
    expect(submitted.status()).toBe(201);
    const again = await put("review", { formId });
    expect(again.status()).toBe(200);
    expect((await again.json()).submissionId).toBe((await submitted.json()).submissionId);
    expect((await submissionsOf(db, user.email)).map((row) => row.formId)).toEqual([formId]);
  },
);

test("a session cookie is no API credential; an API sign-in is listed on /sessions and the admin page in every mode, and revoking it there, or signing out everywhere, ends it", async ({
  page,
  request,
  auth,
  db,
  newUser,
  newContext,
  mode,
}) => {
  test.slow(); // two browsers, an admin among them
  const user = await registered(auth, newUser);
  const device = `E2E phone ${randomUUID().slice(0, 6)}`;
  const revokeButton = { name: `Revoke ${device} · API client` };
  const tokens = await signIn(request, user, { device_name: device });
  // The page is signed in (registered through it), and its cookies go along with page.request: not an API credential.
  await expectInvalidToken(await page.request.get("/api/v1/me"));
  await page.goto("/sessions");
  // Listed beside the browser sessions where the server keeps them; in a card of its own where it does not.
  const row = page.getByTestId(mode === "database" || mode === "jwt" ? "session-row" : "api-session-row").filter({ hasText: device });
  await expect(row).toHaveCount(1);
  await page.getByRole("button", revokeButton).click();
  // The button is renamed while the action runs, so its row going away is no sign that it finished: poll the API.
  await expect.poll(async () => (await request.get("/api/v1/me", { headers: bearer(tokens.access_token) })).status()).toBe(401);
  await expect(page.getByRole("button", revokeButton)).toHaveCount(0);
  await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(tokens.access_token) }));
  expect((await refresh(request, tokens.refresh_token)).status()).toBe(400);

  // An admin sees the next one on the user's page, under its device name, and can end it there.
  const byAdmin = await signIn(request, user, { device_name: device });
  const admin = await adminDevice(newContext, db, newUser({ name: "API Admin" }));
  await openUserAsAdmin(admin.page, user.email);
  await expect(
    admin.page
      .getByTestId(mode === "database" || mode === "jwt" ? "admin-session-row" : "admin-api-session-row")
      .filter({ hasText: device }),
  ).toHaveCount(1);
  await admin.page.getByRole("button", revokeButton).click();
  await expect.poll(async () => (await request.get("/api/v1/me", { headers: bearer(byAdmin.access_token) })).status()).toBe(401);
  expect((await refresh(request, byAdmin.refresh_token)).status()).toBe(400);
  await admin.context.close();

  const other = await signIn(request, user, { device_name: device });
  await page.goto("/sessions");
  await expect(page.getByRole("button", revokeButton)).toBeVisible();
  if (mode === "jwt-stateless") {
    // No "sign out everywhere" without a server-side record of browser sessions (a copied cookie would
    // live on); the API sign-in is ended one by one, as above.
    await expect(page.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
    expect((await request.get("/api/v1/me", { headers: bearer(other.access_token) })).status()).toBe(200);
    return;
  }
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(other.access_token) }));
});

test("a password change ends every API sign-in of the account, even when the user keeps their other browser sessions", async ({
  page,
  request,
  auth,
  newUser,
}) => {
  const user = await registered(auth, newUser);
  const tokens = await signIn(request, user, { device_name: `E2E tablet ${randomUUID().slice(0, 6)}` });
  expect((await request.get("/api/v1/me", { headers: bearer(tokens.access_token) })).status()).toBe(200);
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase for the api");
  await page.getByLabel("Confirm new password").fill("a brand new passphrase for the api");
  await page.getByLabel("Sign out my other sessions").uncheck();
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(tokens.access_token) }));
  const refused = await refresh(request, tokens.refresh_token);
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
});

test("hostile bodies on every endpoint get a 4xx JSON answer, never a 5xx", SAME_IN_EVERY_MODE, async ({ request, auth, newUser }) => {
  const user = await registered(auth, newUser);
  const tokens = await signIn(request, user);
  const bodies: { data: string | Buffer; contentType: string }[] = [
    ...CURATED_JSON.map((data) => ({ data, contentType: "application/json" })),
    ...CURATED_JSON.map((data) => ({ data, contentType: "application/x-www-form-urlencoded" })),
    { data: "grant_type=password&grant_type=refresh_token", contentType: "application/x-www-form-urlencoded" },
    { data: "grant_type=password&username=a%40b.c&password=" + "x".repeat(2_000), contentType: "application/x-www-form-urlencoded" },
    { data: "grant_type=refresh_token&refresh_token=%00%ff", contentType: "application/x-www-form-urlencoded" },
    { data: '{"grant_type":"password","username":{"$ne":null},"password":["x"]}', contentType: "application/json" },
    { data: '{"version":-1,"answers":{"__proto__":{"x":1}}}', contentType: "application/json" },
    { data: '{"version":1e308,"answers":[]}', contentType: "application/json" },
    { data: "x".repeat(20_000), contentType: "application/json" },
    { data: Buffer.from([0xff, 0xfe, 0x00, 0x80]), contentType: "application/json" },
    { data: "<xml/>", contentType: "text/xml" },
  ];
  const endpoints: { method: "post" | "put"; path: string; auth: boolean }[] = [
    { method: "post", path: "/api/v1/auth/token", auth: false },
    { method: "post", path: "/api/v1/auth/revoke", auth: false },
    { method: "put", path: "/api/v1/onboarding/steps/profile", auth: true },
    { method: "put", path: "/api/v1/onboarding/steps/review", auth: true },
    { method: "put", path: "/api/v1/onboarding/steps/..%2f..%2fadmin", auth: true },
  ];
  for (const endpoint of endpoints) {
    for (const body of bodies) {
      const response = await request[endpoint.method](endpoint.path, {
        data: body.data,
        headers: {
          "Content-Type": body.contentType,
          "X-Forwarded-For": isolatedIp(),
          ...(endpoint.auth ? bearer(tokens.access_token) : {}),
        },
      });
      const status = response.status();
      const what = `${endpoint.path} with ${String(body.data).slice(0, 60)}`;
      // The revoke endpoint answers 200 to any well-formed request (RFC 7009): the rest must be a 4xx.
      if (endpoint.path === "/api/v1/auth/revoke" && status === 200) continue;
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      expect(response.headers()["content-type"], what).toContain("application/json");
    }
  }
  for (const header of ["Bearer", "Bearer a b", "Basic Zm9vOmJhcg==", `Bearer ${"x".repeat(9_000)}`, "bearer x.y.z"]) {
    const response = await request.get("/api/v1/me", { headers: { Authorization: header } });
    expect(response.status(), header.slice(0, 30)).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
  }
  const missing = await request.get("/api/v1/nothing-here");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: "not_found" });
  const wrongMethod = await request.get("/api/v1/auth/token");
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["content-type"]).toContain("application/json");
  expect(await wrongMethod.json()).toHaveProperty("error");
});

test(
  "the CLI client (npm run api) signs in, keeps its tokens in a 0600 file, refreshes on expiry and on a 401, and signs out",
  SAME_IN_EVERY_MODE,
  async ({ request, auth, newUser, baseURL }, testInfo) => {
    const user = await registered(auth, newUser);
    const state = testInfo.outputPath("api-state.json");
    const cli = async (...args: string[]) => {
      const { stdout, stderr } = await run(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "scripts/api.mts", ...args, "--state", state],
        {
          env: { ...process.env, API_PASSWORD: user.password },
        },
      );
      return stdout + stderr;
    };
    const saved = () => JSON.parse(readFileSync(state, "utf8")) as { accessToken: string; refreshToken: string; expiresAt: number };

    expect(await cli("login", "--url", baseURL ?? "", "--email", user.email, "--device", "CLI test")).toContain(
      `signed in as ${user.email}`,
    );
    expect(statSync(state).mode & 0o777).toBe(0o600);
    const first = saved();
    const me = await cli("me");
    expect(me).toContain("GET /api/v1/me → 200");
    expect(me).toContain(user.email);
    expect(me, "the client never prints a token").not.toContain(first.accessToken);
    const step = await cli("step", "profile", JSON.stringify({ version: 0, answers: { fullName: "Ada Lovelace", timeZone: "UTC" } }));
    expect(step).toContain("PUT /api/v1/onboarding/steps/profile → 200");

    // The access token has expired (as the client sees it): it refreshes first, and the old refresh token is spent.
    writeFileSync(state, JSON.stringify({ ...first, expiresAt: Date.now() - 1000 }), { mode: 0o600 });
    expect(await cli("me")).toMatch(/access token expired: refreshed[\s\S]*GET \/api\/v1\/me → 200/);
    expect(saved().refreshToken).not.toBe(first.refreshToken);
    expect((await refresh(request, first.refreshToken)).status()).toBe(400); // reuse: that ends the family…
    // …so the client's next refresh is refused and it says so, signed out.
    writeFileSync(state, JSON.stringify({ ...saved(), accessToken: "not-a-token" }), { mode: 0o600 });
    await expect(cli("me")).rejects.toMatchObject({
      stdout: expect.stringContaining("401 (Bearer"),
      stderr: expect.stringContaining("refresh refused (invalid_grant"),
    });
    expect(existsSync(state)).toBe(false);

    // A 401 on a fresh sign-in: refresh once and retry; then sign out revokes the family.
    await cli("login", "--url", baseURL ?? "", "--email", user.email);
    writeFileSync(state, JSON.stringify({ ...saved(), accessToken: "not-a-token" }), { mode: 0o600 });
    expect(await cli("me")).toMatch(/401 \(Bearer[\s\S]*access token refused: refreshed[\s\S]*GET \/api\/v1\/me → 200/);
    const last = saved();
    expect(await cli("logout")).toContain("signed out (revoke → 200)");
    expect(existsSync(state)).toBe(false);
    expect((await refresh(request, last.refreshToken)).status()).toBe(400);
    await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(last.accessToken) }));
  },
);

test(
  "another service verifies an access token with the JWKS alone (npm run api:verify), and cannot see its revocation",
  SAME_IN_EVERY_MODE,
  async ({ request, auth, newUser, baseURL }) => {
    const user = await registered(auth, newUser);
    const tokens = await signIn(request, user);
    const verify = (token: string) =>
      run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/verify-token.mts", "--url", baseURL ?? "", token]);

    const valid = await verify(tokens.access_token);
    expect(valid.stdout).toContain(`[verify] valid: signed by kid`);
    expect(valid.stdout).toContain(`sub=${String(claimsOf(tokens.access_token).sub)}`);

    // Revoked at the app: the app refuses the token at once, the JWKS-only verifier still accepts it.
    const revoked = await request.post("/api/v1/auth/revoke", { form: { token: tokens.refresh_token } });
    expect(revoked.status()).toBe(200);
    await expectInvalidToken(await request.get("/api/v1/me", { headers: bearer(tokens.access_token) }));
    expect((await verify(tokens.access_token)).stdout).toContain("a revoked sign-in still verifies here until then");

    // The same signature over changed claims does not verify.
    const [header, payload, signature] = tokens.access_token.split(".");
    const forged = `${header}.${b64({ ...claimsOf(tokens.access_token), scope: "admin" })}.${signature}`;
    expect(payload).not.toBe(forged.split(".")[1]);
    await expect(verify(forged)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("[verify] refused") });
  },
);

test(
  "the password grant shares the sign-in form's throttle and its words: refused, then 429 with Retry-After, and the form is throttled too",
  SAME_IN_EVERY_MODE,
  async ({ page, request, auth, newUser }) => {
    const user = await registered(auth, newUser);
    await auth.logout();
    const ip = isolatedIp();
    const grant = (password: string) =>
      request.post("/api/v1/auth/token", {
        form: { grant_type: "password", username: user.email, password },
        headers: { "X-Forwarded-For": ip },
      });
    // AUTH_THROTTLE_ACCOUNT_FAILURES is 5 on the e2e servers (e2e/support/modes.ts).
    for (let attempt = 1; attempt <= 5; attempt++) {
      const refused = await grant("not the password at all");
      expect(refused.status(), `attempt ${attempt}`).toBe(400);
      expect(await refused.json()).toEqual({
        error: "invalid_grant",
        error_description: "That email and password do not match an account.",
      });
    }
    // Even the right password waits now, as at the form.
    const throttled = await grant(user.password);
    expect(throttled.status()).toBe(429);
    expect(Number(throttled.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    const { error, error_description: description } = (await throttled.json()) as { error: string; error_description: string };
    expect(error).toBe("invalid_grant");
    expect(description).toMatch(/^Too many sign-in attempts\. Wait .+, then try again\.$/);
    // One throttle per account, whichever door: the web form refuses the right password with the same words.
    await auth.fillLogin(user.email, user.password);
    await expect(page.getByText(/^Too many sign-in attempts\. Wait .+, then try again\.$/)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  },
);
