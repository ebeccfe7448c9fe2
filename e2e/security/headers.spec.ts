import { expect, test } from "../support/fixtures";

// SECURITY.md item 4 and the headers of the security issue. The whole suite runs under this policy, and
// the fixture fails any test whose page reports a Content-Security-Policy violation.

test("every page carries the security headers and a fresh CSP nonce that its scripts use", async ({ page }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/login", "/register"]) {
    const response = await page.goto(path);
    const headers = response?.headers() ?? {};
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
    expect(nonce, `${path} has a nonce`).not.toBe("");
    nonces.add(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // Next.js put the nonce on the scripts it rendered, so the page hydrates under the policy.
    const scripts = await page.locator("script").evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
  }
  expect(nonces.size, "a new nonce for each response").toBe(3);
});

test("signed-in pages are no-store, and Back after sign-out shows nothing private", async ({ page, auth, newUser }) => {
  const user = newUser();
  await auth.register(user);
  for (const path of ["/dashboard", "/sessions", "/activity", "/account/password"]) {
    const response = await page.goto(path);
    expect(response?.headers()["cache-control"], path).toContain("no-store");
  }
  await page.goto("/dashboard");
  await expect(page.getByTestId("user-email")).toHaveText(user.email.toLowerCase());
  await auth.logout();
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByText(user.email.toLowerCase())).toHaveCount(0);
});
