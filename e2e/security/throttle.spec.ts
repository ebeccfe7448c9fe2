import { randomInt } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { activityOf } from "../support/db";
import { expect, test } from "../support/fixtures";
import { THROTTLE_ENV } from "../support/modes";

// SECURITY.md 28: throttling keyed on account and IP, back-off not lockout, the same for unknown emails,
// the right password refused while throttled, Retry-After on the API, and no way past it by guessing
// in parallel. The e2e servers use
// THROTTLE_ENV (5 failures per account, 20 per IP, a 10-second first back-off: long enough that a slow
// machine still checks inside it, short enough to wait out).
const ACCOUNT_LIMIT = Number(THROTTLE_ENV.AUTH_THROTTLE_ACCOUNT_FAILURES);
const IP_LIMIT = Number(THROTTLE_ENV.AUTH_THROTTLE_IP_FAILURES);
const BACKOFF_MS = Number(THROTTLE_ENV.AUTH_THROTTLE_BACKOFF_SECONDS) * 1000;
const MISMATCH = "That email and password do not match an account.";
const THROTTLED = /^Too many sign-in attempts\. Wait ([1-9]|10) seconds?, then try again\.$/;

/** A client address of its own (from the benchmarking range), so no other test's failures count against it. */
const testIp = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

async function apiSignIn(request: APIRequestContext, email: string, password: string, ip: string) {
  const headers = { "x-forwarded-for": ip };
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/dashboard" },
    headers,
    maxRedirects: 0,
  });
}

test.describe("an account that keeps failing", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": testIp() } });

  test("waits, even with the right password, the same way as an unknown email; then may sign in again", async ({
    page,
    auth,
    db,
    newUser,
  }) => {
    const user = newUser();
    await auth.register(user);
    await auth.logout();
    const alert = page.getByRole("main").getByRole("alert");
    // Each account reaches its limit, and is checked at once, well inside its back-off.
    for (const email of [user.email, `nobody-${user.email}`]) {
      for (let i = 0; i < ACCOUNT_LIMIT; i += 1) {
        await auth.fillLogin(email, `wrong password number ${i}`);
        await expect(alert).toHaveText(MISMATCH);
      }
      // Throttled: the right password is refused too, and an unknown email reads exactly the same.
      await auth.fillLogin(email, user.password);
      await expect(alert).toHaveText(THROTTLED);
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
    }

    // A back-off, not a lockout: once it has passed, the right password works. Refused attempts while
    // waiting do not extend it, so trying again until it does is the user's own experience.
    await expect(async () => {
      await auth.fillLogin(user.email, user.password);
      await expect(page).toHaveURL(/\/dashboard$/, { timeout: 2_000 });
    }).toPass({ timeout: BACKOFF_MS + 15_000 });
    await auth.expectDashboard(user);

    const failures = (await activityOf(db, user.email)).filter((event) => event.type === "signin.failure");
    expect(failures.slice(0, ACCOUNT_LIMIT).map((event) => event.detail.reason)).toEqual(
      Array<string>(ACCOUNT_LIMIT).fill("wrong_password"),
    );
    const throttled = failures.slice(ACCOUNT_LIMIT);
    expect(throttled.length).toBeGreaterThan(0);
    for (const event of throttled) expect(event.detail).toMatchObject({ reason: "throttled", retryAfterSeconds: expect.any(Number) });
  });
});

test("one IP failing against many accounts waits, with 429 and Retry-After from the API, while other IPs sign in", async ({
  request,
  auth,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  await auth.logout();
  const ip = testIp();
  for (let i = 0; i < IP_LIMIT; i += 1) {
    const response = await apiSignIn(request, `spray-${i}-${user.email}`, "guessing", ip);
    expect(response.status(), `attempt ${i + 1}`).toBe(302);
    expect(response.headers().location).toContain("error=CredentialsSignin");
  }
  const refused = await apiSignIn(request, user.email, user.password, ip);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await refused.json()).toMatchObject({ error: "throttled", retryAfterSeconds: expect.any(Number) });
  expect(refused.headers()["set-cookie"] ?? "").not.toMatch(/session-token=[^;]/);

  // The account itself is not throttled: from another address the same sign-in goes through.
  const accepted = await apiSignIn(request, user.email, user.password, testIp());
  expect(accepted.status()).toBe(302);
  expect(accepted.headers().location).toMatch(/\/dashboard$/);
  expect(accepted.headers()["set-cookie"]).toMatch(/authjs\.session-token=[^;]+/);
});
