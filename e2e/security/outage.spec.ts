import { renameSync } from "node:fs";
import { dirname } from "node:path";
import type { Page } from "@playwright/test";
import { AuthPages, SESSION_COOKIE, sessionCookie } from "../support/auth-pages";
import { cutPostgresDatabase } from "../support/database";
import { expect, test } from "../support/fixtures";

// SECURITY.md 30: with the database unreachable, pages say so (503), APIs answer 503, nobody is signed
// in, nothing leaks; when it returns, the server recovers by itself and signed-in users still are.
// The outage, SQLite: the database's folder is moved away (the open connection can no longer write, a
// new one cannot open), then moved back. PostgreSQL: the database stops taking connections and every
// open one is ended (pg_terminate_backend), then it takes them again. This runs after the server's
// other tests (playwright.config.ts).
// 503 is the point here: the test declares it to the leak guard, which still checks those responses for leaks.

const OUTAGE_TIMEOUT = { timeout: 20_000 };
const NO_INTERNALS = /prisma|sqlite|libsql|postgres|pg_|\.db\b|node_modules|stack|at \S+ \(/i;

const statusOf = async (page: Page, path: string) => (await page.goto(path))?.status();

test("with the database gone: a clear 503 everywhere, nobody signed in, and recovery by itself", async ({
  databaseUrl,
  newUser,
  newContext,
  leakGuard,
}) => {
  leakGuard.expectServerError(503);
  const context = await newContext();
  const page = await context.newPage();
  const auth = new AuthPages(page);
  const user = newUser();
  await auth.register(user);
  const cookieBefore = await sessionCookie(context);

  const restore = await takeAway(databaseUrl);
  try {
    // A page that needs the database: within a request or two the server notices and says so.
    await expect.poll(() => statusOf(page, "/dashboard"), OUTAGE_TIMEOUT).toBe(503);
    await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
    const html = await page.content();
    expect(html).not.toMatch(NO_INTERNALS);
    expect(html).not.toContain(user.email);

    // APIs: 503 with Retry-After and a JSON body, no detail.
    for (const path of ["/api/auth/session", "/api/health", "/api/auth/csrf"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(503);
      expect(response.headers()["retry-after"], path).toBe("5");
      const body = await response.text();
      expect(body, path).not.toMatch(NO_INTERNALS);
    }

    // Nobody gets in: a fresh browser finds no sign-in form, and a direct sign-in post is refused.
    const stranger = await newContext();
    const strangerPage = await stranger.newPage();
    expect(await statusOf(strangerPage, "/login")).toBe(503);
    const post = await stranger.request.post("/api/auth/callback/credentials", {
      form: { email: user.email, password: user.password },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(503);
    expect((await stranger.cookies()).some((cookie) => cookie.name === SESSION_COOKIE)).toBe(false);
    await stranger.close();

    // The signed-in browser keeps its cookie: the session is not over, the database is away.
    expect((await sessionCookie(context))?.value).toBe(cookieBefore?.value);
  } finally {
    await restore();
  }

  // Back by itself: no restart, and the same browser is still signed in.
  await expect.poll(() => statusOf(page, "/dashboard"), OUTAGE_TIMEOUT).toBe(200);
  await auth.expectDashboard(user);
  expect((await page.request.get("/api/health")).status()).toBe(200);
  await context.close();
});

/** Makes the database unreachable for the server; returns what brings it back. */
async function takeAway(databaseUrl: string): Promise<() => Promise<void>> {
  if (!databaseUrl.startsWith("file:")) return cutPostgresDatabase(databaseUrl);
  const folder = dirname(databaseUrl.slice("file:".length));
  renameSync(folder, `${folder}-away`);
  return async () => renameSync(`${folder}-away`, folder);
}
