import type { Page } from "@playwright/test";
import { actionHeaders, captureActionPost } from "../support/admin";
import { storedSessionTokens } from "../support/db";
import { expect, test, type TestUser } from "../support/fixtures";

// SECURITY.md 18–20: Auth.js's POST endpoints need their CSRF token; every state-changing request from
// another site (server actions, Auth.js endpoints, route handlers) is refused by proxy.ts with 403.

const EVIL = "https://evil.example";
/** The ways a request can show it came from another site. */
const FORGED: Record<string, string>[] = [{ origin: EVIL }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];

async function expectStillSignedIn(page: Page, user: TestUser) {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
}

test("Auth.js endpoints posted without the CSRF token change nothing", async ({ mode, page, auth, db, newUser, newRequestContext }) => {
  const user = newUser();
  await auth.register(user);

  // Sign-out without the token (page.request carries the session cookie, like a forged form would).
  const signOut = await page.request.post("/api/auth/signout", { form: { callbackUrl: "/" }, maxRedirects: 0 });
  expect(signOut.headers().location ?? "").toContain("error=MissingCSRF");
  await expectStillSignedIn(page, user);
  // Database and jwt (sid) both keep a row per session (this spec does not run stateless).
  expect(await storedSessionTokens(db, user.email)).toHaveLength(mode === "jwt-stateless" ? 0 : 1);

  // A session update without the token is refused outright.
  const update = await page.request.post("/api/auth/session", { data: { data: { role: "ADMIN" } } });
  expect(update.status()).toBe(400);
  await page.reload();
  await expect(page.getByTestId("user-role")).toHaveText("User");

  // A sign-in without the token signs nobody in (login CSRF).
  const stranger = await newRequestContext();
  const signIn = await stranger.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect(signIn.headers().location ?? "").toContain("error=MissingCSRF");
  expect(signIn.headers()["set-cookie"] ?? "").not.toContain("session-token");
  await stranger.dispose();
});

test("a server action replayed from another site, from Origin null or as a cross-site fetch is refused and changes nothing", async ({
  mode,
  page,
  auth,
  db,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  const request = await captureActionPost(page, () => page.getByRole("button", { name: "Sign out", exact: true }).click());
  const body = request.postDataBuffer() ?? Buffer.alloc(0);
  const headers = actionHeaders(request);

  for (const forged of FORGED) {
    const response = await page.request.post(request.url(), { headers: { ...headers, ...forged }, data: body, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(forged)).toBe(403);
    expect(await response.text()).toBe("Cross-site request refused.");
  }
  await expectStillSignedIn(page, user);
  // Database and jwt (sid) both keep a row per session (this spec does not run stateless).
  expect(await storedSessionTokens(db, user.email)).toHaveLength(mode === "jwt-stateless" ? 0 : 1);

  // The same request from the app's own origin goes through: the refusals above were the origin check.
  const genuine = await page.request.post(request.url(), { headers, data: body, maxRedirects: 0 });
  expect(genuine.status()).toBeLessThan(400);
  await page.goto("/dashboard");
  await auth.expectSignedOutAt("/dashboard");
});

test("route handlers refuse cross-site posts and do nothing on GET", async ({ page, auth, newUser, request }) => {
  const user = newUser();
  await auth.register(user);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };

  // Even with a valid CSRF token, a sign-out posted from another site never reaches Auth.js.
  for (const forged of FORGED) {
    const response = await page.request.post("/api/auth/signout", { form: { csrfToken }, headers: forged, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(forged)).toBe(403);
  }
  // GET never changes state: the sign-out endpoint only shows a confirmation, the credentials callback signs nobody in.
  expect((await page.request.get("/api/auth/signout", { maxRedirects: 0 })).status()).toBeLessThan(400);
  await expectStillSignedIn(page, user);
  const viaGet = await request.get(
    `/api/auth/callback/credentials?email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(user.password)}`,
    { maxRedirects: 0 },
  );
  expect(viaGet.headers()["set-cookie"] ?? "").not.toContain("session-token");
});
