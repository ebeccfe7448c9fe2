import type { Page } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";
import { sessionCookie } from "./support/auth-pages";
import type { E2eDatabase } from "./support/database";
import { activityOf, setRole, sha256Base64url } from "./support/db";
import { expectSignedIn, expectSignedOut } from "./support/devices";
import { expect, test } from "./support/fixtures";
import { E2E_SECRET, SHORT_LIFETIMES, type Mode } from "./support/modes";

// Runs only on the *-timeouts servers (e2e/support/modes.ts): idle timeout 8 s, refreshed once the session
// is 1 s old, absolute lifetime 30 s. Waiting is the point of these tests, so they are slow by design.

const seconds = (n: number) => n * 1000;

test("an idle session ends: the browser is signed out, and its saved cookie is refused by the server", async ({
  page,
  auth,
  db,
  newUser,
  mode,
  newContext,
}) => {
  test.slow(); // waits out the idle timeout
  const user = newUser();
  await auth.register(user);
  const saved = await sessionCookie(page.context());
  expect(saved?.value).toBeTruthy();
  await page.waitForTimeout(seconds(SHORT_LIFETIMES.idle + 1));
  await expectSignedOut(page);

  // The server enforces it too: the same cookie, given a far expiry in a fresh browser, is refused.
  const replay = await newContext();
  if (saved) await replay.addCookies([{ ...saved, expires: Math.floor(Date.now() / 1000) + 3600 }]);
  await expectSignedOut(await replay.newPage());
  await replay.close();
  if (mode !== "jwt-stateless") {
    await expect
      .poll(async () => (await activityOf(db, user.email)).filter((e) => e.type === "session.expired").map((e) => e.detail.reason))
      .toEqual(["idle"]);
  }
});

test("activity keeps the idle timeout from ending the session, but not the absolute lifetime", async ({
  page,
  auth,
  db,
  newUser,
  mode,
  newContext,
}) => {
  test.slow(); // waits out the absolute lifetime
  const user = newUser();
  await auth.register(user);
  // Signing in can end seconds after the session began on a busy machine: the schedule counts from when
  // the server says it began.
  const signedInAt = await sessionStart(page, db, mode);
  // A page load at once (the sign-in may have ended seconds after the session began), then one every
  // 1.5 s, well past the idle timeout: signed in every time. A slow machine skips the loads it is late for
  // rather than falling behind, so each load still starts near its time and none after the absolute end.
  // The last one is at `absolute - idle + 1.5` s: the slide it (or the load before it) makes puts the idle
  // expiry beyond the absolute end.
  await expectSignedIn(page, user);
  const last = SHORT_LIFETIMES.absolute - SHORT_LIFETIMES.idle + 1.5;
  for (let at = 1.5; at <= last; at += 1.5) {
    const due = signedInAt + seconds(at);
    if (at < last && Date.now() > due + seconds(1)) continue;
    await page.waitForTimeout(Math.max(0, due - Date.now()));
    await expectSignedIn(page, user);
  }
  // The cookie as the last slide left it, kept beyond its own expiry by a copy the server must refuse too.
  const slid = await sessionCookie(page.context());
  expect(slid?.value).toBeTruthy();
  // Past the absolute lifetime, the next request is signed out however active the session has been,
  // and the absolute lifetime is what ended it.
  await page.waitForTimeout(Math.max(0, signedInAt + seconds(SHORT_LIFETIMES.absolute + 1) - Date.now()));
  await expectSignedOut(page);
  // The browser may have dropped the cookie at its expiry before that request; the copy reaches the server.
  const replay = await newContext();
  if (slid) await replay.addCookies([{ ...slid, expires: Math.floor(Date.now() / 1000) + 3600 }]);
  await expectSignedOut(await replay.newPage());
  await replay.close();
  if (mode !== "jwt-stateless") {
    await expect
      .poll(async () => (await activityOf(db, user.email)).filter((e) => e.type === "session.expired").map((e) => e.detail.reason))
      .toEqual(["absolute"]);
  }
});

test("a router prefetch never re-issues the session cookie; a client-side navigation does once a refresh is due", async ({
  page,
  auth,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  await page.waitForTimeout(seconds(SHORT_LIFETIMES.update) + 500); // a refresh is now due in every mode
  // The requests the Next.js router sends (page.request shares the browser's cookies), with the `_rsc`
  // value Next.js checks against the headers. A prefetch is not activity, and one that lands after a
  // sign-out or an onboarding save would put an older cookie back.
  const sessionCookiesSet = async (prefetch: "1" | undefined, segment: string | undefined) => {
    const headers: Record<string, string> = { rsc: "1", "next-url": "/dashboard" };
    if (prefetch) headers["next-router-prefetch"] = prefetch;
    if (segment) headers["next-router-segment-prefetch"] = segment;
    const rsc = await computeCacheBustingSearchParam(prefetch, segment, undefined, headers["next-url"]);
    const response = await page.request.get(`/sessions?_rsc=${rsc}`, { headers, maxRedirects: 0 });
    expect(response.status(), response.headers().location).toBe(200);
    return response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie" && /^(__Host-)?authjs\.session-token=/.test(h.value));
  };
  expect(await sessionCookiesSet("1", undefined)).toEqual([]);
  expect(await sessionCookiesSet("1", "/_tree")).toEqual([]);
  // The same request without the prefetch headers is a navigation: it slides the session.
  expect(await sessionCookiesSet(undefined, undefined)).toHaveLength(1);
});

/** When the page's session began, as the server recorded it: the session row's creation, or the token's authTime (to the second). */
async function sessionStart(page: Page, db: E2eDatabase, mode: Mode): Promise<number> {
  const cookie = await sessionCookie(page.context());
  if (!cookie) throw new Error("no session cookie");
  if (mode === "database") {
    const result = await db.execute({
      sql: `SELECT "createdAt" FROM "Session" WHERE "sessionToken" = ?`,
      args: [sha256Base64url(cookie.value)],
    });
    const createdAt = result.rows[0]?.createdAt;
    if (createdAt instanceof Date) return createdAt.getTime();
    const text = String(createdAt);
    return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  }
  const token = await decode({ token: cookie.value, secret: E2E_SECRET, salt: cookie.name });
  if (typeof token?.authTime !== "number") throw new Error("the session token has no authTime");
  return token.authTime * 1000;
}

/** What GET /api/auth/session says: the role, or null when there is no session. */
async function sessionRole(page: Page): Promise<string | null> {
  const response = await page.request.get("/api/auth/session");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { user?: { role?: string } } | null;
  return body?.user?.role ?? null;
}

/**
 * Polls the session once a second, on a fixed schedule from `since` (a client keeping its session alive),
 * until it says `expected` or update age + 1 s have passed. Returns what each poll said and how long
 * after `since` the first matching poll was sent (null: none matched).
 */
async function pollSessionUntil(
  page: Page,
  expected: string | null,
  since: number,
): Promise<{ seen: (string | null)[]; after: number | null }> {
  const seen: (string | null)[] = [];
  for (let at = since; at <= since + seconds(SHORT_LIFETIMES.update + 1); at += seconds(1)) {
    await page.waitForTimeout(Math.max(0, at - Date.now()));
    const sent = Date.now();
    const role = await sessionRole(page);
    seen.push(role);
    if (role === expected) return { seen, after: sent - since };
  }
  return { seen, after: null };
}

test("a session polling /api/auth/session sees a role change and loses a removed role and a disabled account within the update age + 1 s", async ({
  page,
  auth,
  db,
  newUser,
  newContext,
}) => {
  // Every poll re-encodes a JWT with a fresh issue time: the user must be re-read anyway (issue 10, item 4).
  const user = newUser();
  await auth.register(user);
  expect(await sessionRole(page)).toBe("USER");
  const within = seconds(SHORT_LIFETIMES.update + 1);

  let changedAt = Date.now();
  await setRole(db, user.email, "ADMIN");
  const promoted = await pollSessionUntil(page, "ADMIN", changedAt);
  expect(promoted.after, `polls said ${JSON.stringify(promoted.seen)}`).not.toBeNull();
  expect(promoted.after).toBeLessThanOrEqual(within);

  changedAt = Date.now();
  await setRole(db, user.email, "USER");
  const demoted = await pollSessionUntil(page, "USER", changedAt);
  expect(demoted.after, `polls said ${JSON.stringify(demoted.seen)}`).not.toBeNull();
  expect(demoted.after).toBeLessThanOrEqual(within);

  // A copy of the cookie taken before the account is disabled (a thief's) ends with it.
  const copied = await sessionCookie(page.context());
  expect(copied?.value).toBeTruthy();
  changedAt = Date.now();
  await db.execute({ sql: `UPDATE "User" SET "disabledAt" = ? WHERE "email" = ?`, args: [new Date().toISOString(), user.email] });
  const disabled = await pollSessionUntil(page, null, changedAt);
  expect(disabled.after, `polls said ${JSON.stringify(disabled.seen)}`).not.toBeNull();
  expect(disabled.after).toBeLessThanOrEqual(within);
  expect(await sessionCookie(page.context()), "the session cookie is cleared").toBeUndefined();

  const thief = await newContext();
  if (copied) await thief.addCookies([copied]);
  expect(await sessionRole(await thief.newPage())).toBeNull();
  await thief.close();
});
