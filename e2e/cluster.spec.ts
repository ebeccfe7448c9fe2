import { clusterOf, expectDashboard, expectSentToLogin, fromEveryInstance, INSTANCE_NAMES } from "./support/cluster";
import { clusterActivityOf } from "./support/cluster-db";
import { expect, test } from "./support/fixtures";

// Several instances of one build behind HAProxy (npm run cluster), 2 per mode, on one database: what
// every mode must show. The database-only cluster checks are in cluster-database.spec.ts.

const SPOOFED_IP = "203.0.113.66";

test.describe("through the balancer", () => {
  // A client claiming an address of its own: the app trusts one hop, the balancer's entry, so this is never the recorded IP.
  test.use({ extraHTTPHeaders: { "x-forwarded-for": SPOOFED_IP } });

  test("a session made through the balancer works on every instance, each request is recorded once, and the client IP is the balancer's entry", async ({
    page,
    auth,
    mode,
    newUser,
  }) => {
    const user = newUser();
    await auth.register(user); // lands on /dashboard: one page view
    const { responses, requests } = await fromEveryInstance(page.request, "/dashboard");
    for (const response of responses.values()) await expectDashboard(response, user.email);

    const { databaseUrl } = clusterOf(mode);
    const views = async () =>
      (await clusterActivityOf(databaseUrl, user.email)).filter((event) => event.type === "page.view" && event.path === "/dashboard");
    await expect.poll(async () => (await views()).length).toBe(requests + 1);
    const events = await clusterActivityOf(databaseUrl, user.email);
    expect(events.filter((event) => event.type === "user.registered")).toHaveLength(1);
    for (const event of events) {
      expect(event.ip).not.toBe(SPOOFED_IP);
      expect(event.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    }
  });
});

test("signing out through one instance: a copy of the cookie is refused by the other at its next request, or works on both in stateless jwt", async ({
  newContext,
  page,
  auth,
  mode,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  const copy = await newContext();
  await copy.addCookies(await page.context().cookies());
  // Signed in on both instances before the sign-out.
  for (const response of (await fromEveryInstance(copy.request, "/dashboard")).responses.values())
    await expectDashboard(response, user.email);

  const signOut = page.waitForResponse((response) => response.request().method() === "POST");
  await auth.logout();
  const signedOutBy = (await signOut).headers()["x-instance"];
  expect(INSTANCE_NAMES).toContain(signedOutBy);

  const after = (await fromEveryInstance(copy.request, "/dashboard")).responses;
  const other = after.get(INSTANCE_NAMES.find((name) => name !== signedOutBy) ?? "");
  expect(other, "the instance that did not serve the sign-out answered").toBeDefined();
  if (!other) return;
  if (mode === "jwt-stateless") {
    // The revocation gap: nothing is shared but AUTH_SECRET, so no instance can know of the sign-out; the copy works until it expires.
    for (const response of after.values()) await expectDashboard(response, user.email);
  } else {
    expectSentToLogin(other);
    for (const response of after.values()) expectSentToLogin(response);
  }
  await copy.close();
});
