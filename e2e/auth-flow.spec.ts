import { DEMO } from "./support/demo";
import { expect, SAME_IN_EVERY_MODE, test } from "./support/fixtures";

// The sign-in, sign-out and badge tests run in every mode; the redirect and matching rules, the same code
// whatever the strategy, are tagged to run in database mode only (e2e/support/modes.ts).

const MODE_LABEL = {
  database: "Database sessions",
  jwt: "JWT sessions",
  "jwt-version": "JWT sessions with a token version",
  "jwt-stateless": "Stateless JWT sessions",
} as const;
const MODE_PHRASE = {
  database: "database sessions",
  jwt: "JWT sessions",
  "jwt-version": "JWT sessions with a per-user token version",
  "jwt-stateless": "stateless JWT sessions",
} as const;

test("a new user registers, reaches the dashboard, signs out and signs back in", async ({ page, auth, newUser, mode }) => {
  const user = newUser();
  await auth.register(user);
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
  await expect(page.getByText(`You are signed in with ${MODE_PHRASE[mode]}.`)).toBeVisible();

  await auth.logout();
  await page.goto("/dashboard");
  await auth.expectSignedOutAt("/dashboard");

  await auth.login(user);
  await expect(page.getByTestId("user-role")).toHaveText("User");
});

test(
  "the demo account created at first start can sign in, and the production sign-in page does not print its password",
  SAME_IN_EVERY_MODE,
  async ({ page, auth }) => {
    // The e2e servers run `next start` (NODE_ENV=production) with SEED_DEMO_USER=force.
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(DEMO.password);
    await expect(page.locator("body")).not.toContainText("Demo account");
    await auth.login(DEMO);
  },
);

test("emails are matched without regard to case", SAME_IN_EVERY_MODE, async ({ auth, newUser }) => {
  const user = newUser();
  await auth.register({ ...user, email: user.email.toUpperCase() });
  await auth.logout();
  await auth.login(user);
});

test("a signed-out visitor is sent to sign in and then back where they were going", SAME_IN_EVERY_MODE, async ({ page, auth, newUser }) => {
  const user = newUser();
  await auth.register(user);
  await auth.logout();

  await page.goto("/dashboard");
  await auth.expectSignedOutAt("/dashboard");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await auth.expectDashboard(user);
});

test("a callbackUrl pointing off-site is ignored", SAME_IN_EVERY_MODE, async ({ page, auth, newUser }) => {
  const user = newUser();
  await auth.register(user);
  await auth.logout();
  for (const callbackUrl of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
    await auth.fillLogin(user.email, user.password, `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await auth.expectDashboard(user);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL ?? "").host);
    await auth.logout();
  }
});

test(
  "a signed-in visitor is never redirected off-site by the sign-in page's callbackUrl",
  SAME_IN_EVERY_MODE,
  async ({ page, auth, newUser, baseURL }) => {
    await auth.register(newUser());
    const origin = new URL(baseURL ?? "").origin;
    // The first three are the reported bypasses: each normalises to `//evil.example`, a protocol-relative URL.
    const hostile = [
      "/.//evil.example",
      "/a/..//evil.example",
      "/%2e%2e//evil.example",
      "/..//evil.example",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "/%5cevil.example",
      "/\t/evil.example",
      " //evil.example",
      "javascript:alert(1)",
    ];
    for (const callbackUrl of ["/sessions", ...hostile]) {
      const response = await page.request.get(`/login?${new URLSearchParams({ callbackUrl })}`, { maxRedirects: 0 });
      expect(response.status(), callbackUrl).toBe(307);
      const location = response.headers().location ?? "";
      expect(new URL(location, `${origin}/login`).origin, `${callbackUrl} → ${location}`).toBe(origin);
      expect(location, callbackUrl).not.toMatch(/^[/\\]{2}/);
      if (callbackUrl === "/sessions") expect(new URL(location, origin).pathname).toBe("/sessions");
    }
  },
);

test(
  "Auth.js's own sign-in endpoint sends an off-site or unparseable callbackUrl home",
  SAME_IN_EVERY_MODE,
  async ({ baseURL, newUser, auth, newRequestContext }) => {
    const user = newUser();
    await auth.register(user);
    const origin = new URL(baseURL ?? "").origin;
    for (const callbackUrl of ["http://[::1", "https://evil.example/", "//evil.example/x", "javascript:alert(1)"]) {
      const api = await newRequestContext();
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await api.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: user.email, password: user.password, callbackUrl },
        maxRedirects: 0,
      });
      // Signed in, and sent to this site's home page: not elsewhere, not to an error page.
      expect(new URL(response.headers().location ?? "", origin).href, callbackUrl).toBe(`${origin}/`);
      expect(response.headers()["set-cookie"] ?? "", callbackUrl).toMatch(/session-token=[^;]+/);
      await api.dispose();
    }
  },
);

test("every page shows which session strategy is active", async ({ page, auth, newUser, mode }) => {
  for (const path of ["/", "/login", "/register"]) {
    await page.goto(path);
    await expect(page.getByTestId("mode-badge")).toHaveText(MODE_LABEL[mode]);
  }
  await auth.register(newUser());
  await expect(page.getByTestId("mode-badge")).toHaveText(MODE_LABEL[mode]);
});

test(
  "signed-in users visiting the sign-in or registration page go to the dashboard",
  SAME_IN_EVERY_MODE,
  async ({ page, auth, newUser }) => {
    const user = newUser();
    await auth.register(user);
    await page.goto("/login");
    await auth.expectDashboard(user);
    await page.goto("/register");
    await auth.expectDashboard(user);
  },
);
