import { decode, encode } from "@auth/core/jwt";
import { AuthPages, SESSION_COOKIE, sessionCookie } from "../support/auth-pages";
import { expect, test } from "../support/fixtures";
import { E2E_SECRET } from "../support/modes";

// SECURITY.md 6–7 in a real browser against the real server (lib/auth/jwt.test.ts covers every header
// and algorithm at the decoder): a session cookie that was altered, forged or made under another key
// signs the browser out cleanly — a redirect to sign-in, the cookie cleared, never a server error —
// and the genuine cookie keeps working.

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The value with one character in the middle changed (never the last, whose low bits base64url may ignore). */
function flipMiddle(value: string): string {
  const middle = Math.floor(value.length / 2);
  return `${value.slice(0, middle)}${value[middle] === "A" ? "B" : "A"}${value.slice(middle + 1)}`;
}

test("an altered or forged session cookie: redirect to sign-in, cookie cleared, no server error; the genuine one still works", async ({
  mode,
  context,
  auth,
  newUser,
  newContext,
}) => {
  const user = newUser();
  await auth.register(user);
  const genuine = await sessionCookie(context);
  expect(genuine?.name).toBe(SESSION_COOKIE);
  if (!genuine) return;

  const forgeries: Record<string, string> = {
    "one character changed": flipMiddle(genuine.value),
    "not a token at all": "definitely-not-a-session-token",
  };
  if (mode !== "database") {
    // The genuine claims, each forgery differing from a valid token in one respect only.
    const claims = await decode({ token: genuine.value, secret: E2E_SECRET, salt: SESSION_COOKIE });
    expect(claims?.sub).toBeTruthy();
    if (!claims) return;
    forgeries["alg none"] = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
    forgeries["under another secret"] = await encode({
      token: claims,
      secret: "someone-elses-secret-that-is-long-enough",
      salt: SESSION_COOKIE,
    });
    forgeries["expired a minute ago"] = await encode({ token: claims, secret: E2E_SECRET, salt: SESSION_COOKIE, maxAge: -60 });
    if (mode === "jwt-version") {
      // Genuinely signed, but not the user's current token version: what a token from before a bump is.
      expect(claims.ver).toBe(0);
      const { ver: _ver, ...unversioned } = claims;
      forgeries["an older token version"] = await encode({ token: { ...claims, ver: -1 }, secret: E2E_SECRET, salt: SESSION_COOKIE });
      forgeries["no token version"] = await encode({ token: unversioned, secret: E2E_SECRET, salt: SESSION_COOKIE });
    }
  }

  // Each cookie is tried in a browser of its own: no response still in flight from this one (in database
  // mode every page load re-sends the genuine cookie) can land in its jar.
  const tryCookie = async (value: string) => {
    const other = await newContext();
    await other.addCookies([{ ...genuine, value }]);
    return { other, page: await other.newPage() };
  };
  for (const [label, value] of Object.entries(forgeries)) {
    const forged = await tryCookie(value);
    const response = await forged.page.goto("/dashboard");
    expect(response?.status(), label).toBeLessThan(500);
    await new AuthPages(forged.page).expectSignedOutAt("/dashboard");
    // The broken cookie is cleared, not left to fail on every request.
    expect(await sessionCookie(forged.other), label).toBeUndefined();
    await forged.other.addCookies([{ ...genuine, value }]);
    const session = await forged.page.request.get("/api/auth/session");
    expect(session.status(), label).toBe(200);
    expect(await session.json(), label).toBeNull();
    await forged.other.close();
  }

  const original = await tryCookie(genuine.value);
  await original.page.goto("/dashboard");
  await new AuthPages(original.page).expectDashboard(user);
  await original.other.close();
});
