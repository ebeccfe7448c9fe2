import { randomBytes } from "node:crypto";
import { decode } from "next-auth/jwt";
import { SESSION_COOKIE, sessionCookie } from "../support/auth-pages";
import { sha256Base64url, storedSessionTokens } from "../support/db";
import { expect, test } from "../support/fixtures";
import { E2E_SECRET } from "../support/modes";

// SECURITY.md 13: a session cookie planted before sign-in (by a sibling subdomain, a shared computer, an
// injected Set-Cookie) is replaced at sign-in, the server never adopts it, and it stays worthless after.
test("a session cookie planted before sign-in is replaced at sign-in and is worthless afterwards", async ({
  mode,
  baseURL,
  context,
  auth,
  db,
  newUser,
  newContext,
}) => {
  const planted = randomBytes(32).toString("base64url");
  const { hostname } = new URL(baseURL ?? "http://localhost");
  await context.addCookies([{ name: SESSION_COOKIE, value: planted, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);

  const user = newUser();
  await auth.register(user);
  await auth.logout();
  await context.addCookies([{ name: SESSION_COOKIE, value: planted, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
  await auth.login(user);

  const issued = await sessionCookie(context);
  expect(issued?.value).toBeTruthy();
  expect(issued?.value).not.toBe(planted);
  // The server stored a session of its own choosing, not the hash of the planted value: database mode the
  // token's hash, jwt (sid) the hash of the sid inside the token it issued.
  const stored = await storedSessionTokens(db, user.email);
  if (mode === "jwt-stateless") expect(stored).toEqual([]);
  else {
    expect(stored).toHaveLength(1);
    expect(stored).not.toContain(sha256Base64url(planted));
    const issuedToken = issued?.value ?? "";
    const key =
      mode === "database" ? issuedToken : String((await decode({ token: issuedToken, secret: E2E_SECRET, salt: SESSION_COOKIE }))?.sid);
    expect(stored).toEqual([sha256Base64url(key)]);
  }

  // Whoever planted the value cannot use it: in a browser of their own it opens nothing.
  const attacker = await newContext();
  await attacker.addCookies([{ name: SESSION_COOKIE, value: planted, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
  const attackerPage = await attacker.newPage();
  await attackerPage.goto("/dashboard");
  await expect(attackerPage).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
  await attacker.close();
});
