import { AuthPages, sessionCookie } from "../support/auth-pages";
import { expect, test } from "../support/fixtures";
import type { Seen } from "../support/leak-guard";

// SECURITY.md 1, tested over HTTPS (scripts/https-proxy.mjs with a self-signed certificate, the app
// with AUTH_URL=https://…): the session cookie is `__Host-` prefixed, Secure, HttpOnly, SameSite=Lax,
// Path=/, without Domain, and scripts cannot read it.

const HOST_COOKIE = "__Host-authjs.session-token";

function setCookieHeaders(responses: readonly Seen[]): string[] {
  return responses.flatMap((response) => response.headers.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value));
}

test("over HTTPS the session cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, and hidden from scripts", async ({
  page,
  context,
  auth,
  newUser,
  baseURL,
  leakGuard,
}) => {
  expect(baseURL).toMatch(/^https:\/\//);
  const user = newUser();
  await auth.register(user);

  // The Set-Cookie headers as the server sent them (the leak guard records them for every response,
  // including those it answered on the page's behalf).
  const issued = setCookieHeaders(await leakGuard.responses()).filter((header) => /session-token=[^;]+/.test(header));
  expect(issued.length).toBeGreaterThan(0);
  for (const header of issued) {
    expect(header.startsWith(`${HOST_COOKIE}=`), header.split("=")[0]).toBe(true);
    const attributes = header
      .split(";")
      .slice(1)
      .map((attribute) => attribute.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(attributes.some((attribute) => attribute.startsWith("domain="))).toBe(false);
  }
  const cookie = await sessionCookie(context);
  expect(cookie).toMatchObject({ name: HOST_COOKIE, secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  // Auth.js's own cookies follow suit.
  const names = (await context.cookies()).map((c) => c.name);
  expect(names.filter((name) => name.includes("authjs") && !name.startsWith("__Host-") && !name.startsWith("__Secure-"))).toEqual([]);

  const dashboard = await page.goto("/dashboard");
  expect(dashboard?.headers()["strict-transport-security"]).toBe("max-age=31536000");

  await auth.logout();
  expect(await sessionCookie(context)).toBeUndefined();
  // Signing back in over HTTPS issues the prefixed cookie again, and the signed-in pages work with it.
  await auth.login(user);
  expect(await sessionCookie(context)).toMatchObject({ name: HOST_COOKIE, secure: true });
  await page.goto("/sessions");
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
});

test("a session cookie without the __Host- prefix is not accepted over HTTPS", async ({ context, auth, newUser, baseURL, newContext }) => {
  const user = newUser();
  await auth.register(user);
  const cookie = await sessionCookie(context);
  expect(cookie?.value).toBeTruthy();
  // The same value under the plain name (what a sibling subdomain or an http:// page could set) opens
  // nothing. Tried in a browser of its own: a response still in flight to this one could put the real
  // cookie back.
  const other = await newContext();
  const { hostname } = new URL(baseURL ?? "https://localhost");
  await other.addCookies([
    {
      name: "authjs.session-token",
      value: cookie?.value ?? "",
      domain: hostname,
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  const page = await other.newPage();
  await page.goto("/dashboard");
  await new AuthPages(page).expectSignedOutAt("/dashboard");
  // The genuine cookie, in the same kind of fresh browser, does open it: the refusal above was the name.
  const genuine = await newContext();
  if (cookie) await genuine.addCookies([cookie]);
  const genuinePage = await genuine.newPage();
  await genuinePage.goto("/dashboard");
  await new AuthPages(genuinePage).expectDashboard(user);
  await Promise.all([other.close(), genuine.close()]);
});
