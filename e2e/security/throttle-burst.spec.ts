import { randomInt } from "node:crypto";
import { activityOf } from "../support/db";
import { expect, test } from "../support/fixtures";
import { THROTTLE_ENV } from "../support/modes";

// SECURITY.md 28: no way past the sign-in throttle by guessing in parallel. Each attempt is reserved
// before its password check (lib/auth/throttle.ts), so of 30 simultaneous guesses exactly the account's
// limit are checked. The throttle is the same code in every mode, so this runs on the database server
// only (e2e/support/modes.ts).
const ACCOUNT_LIMIT = Number(THROTTLE_ENV.AUTH_THROTTLE_ACCOUNT_FAILURES);

/** A client address of its own (from the benchmarking range), so no other test's failures count against it. */
const testIp = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

test("30 simultaneous wrong passwords for one account: only the account limit is checked, the rest get 429", async ({
  auth,
  db,
  newUser,
  newRequestContext,
}) => {
  const user = newUser();
  await auth.register(user);
  await auth.logout();
  const ip = testIp();
  // One client and one CSRF token for all: every post differs only in the password guessed.
  const api = await newRequestContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const responses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      api.post("/api/auth/callback/credentials", {
        form: { email: user.email, password: `parallel guess ${i}`, csrfToken, callbackUrl: "/dashboard" },
        maxRedirects: 0,
      }),
    ),
  );
  const checked = responses.filter((response) => response.status() === 302);
  for (const response of checked) expect(response.headers().location).toContain("error=CredentialsSignin");
  expect(checked).toHaveLength(ACCOUNT_LIMIT);
  expect(responses.filter((response) => response.status() === 429)).toHaveLength(30 - ACCOUNT_LIMIT);
  // The trail agrees: as many password checks as answers that say so, every other attempt refused before it.
  const reasons = async () =>
    (await activityOf(db, user.email)).filter((event) => event.type === "signin.failure").map((event) => event.detail.reason);
  await expect.poll(async () => (await reasons()).length).toBe(30);
  expect((await reasons()).filter((reason) => reason === "wrong_password")).toHaveLength(ACCOUNT_LIMIT);
  await api.dispose();
});
