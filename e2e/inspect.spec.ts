import { decode } from "next-auth/jwt";
import { SESSION_COOKIE, sessionCookie } from "./support/auth-pages";
import { sha256Base64url } from "./support/db";
import { recordFact } from "./support/facts";
import { expect, test } from "./support/fixtures";
import { E2E_SECRET } from "./support/modes";

// /inspect in every main mode (it differs by mode): what it shows is what the cookie really holds, the
// check cost is counted on this request, and no token value or full hash is on the page (the leak
// guard checks every response for the cookie value too).

/** SQL statements one session check sends right after sign-in: one read with a server-side record, none without. */
const STATEMENTS = { database: 1, jwt: 1, "jwt-version": 1, "jwt-stateless": 0 } as const;

test("/inspect shows this request's cookie and session as the server sees it, and what a copy would do after sign-out", async ({
  page,
  context,
  auth,
  newUser,
  mode,
}) => {
  const user = newUser();
  await auth.register(user);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Inspect" }).first().click();
  await expect(page.getByRole("heading", { name: "Inspect your session" })).toBeVisible();

  const cookie = await sessionCookie(context);
  const value = cookie?.value ?? "";
  await expect(page.getByTestId("inspect-cookie-name")).toHaveText(SESSION_COOKIE);
  await expect(page.getByTestId("inspect-cookie-size")).toHaveText(
    `${Buffer.byteLength(`${cookie?.name}=${value}`).toLocaleString("en-US")} bytes in 1 chunk`,
  );
  await expect(page.getByTestId("inspect-cookie-attributes")).toContainText("HttpOnly; SameSite=Lax; Path=/");
  const html = await page.content();

  if (mode === "database") {
    const hash = sha256Base64url(value);
    await expect(page.getByTestId("inspect-token-hash")).toHaveText(`${hash.slice(0, 8)}…`);
    expect(html, "the full hash is never on the page").not.toContain(hash);
    await expect(page.getByTestId("inspect-session-rows")).toHaveText("1");
  } else {
    const token = await decode({ token: value, secret: E2E_SECRET, salt: SESSION_COOKIE });
    const claims = page.getByTestId("inspect-claims");
    for (const name of ["iat", "exp", "authTime"] as const) {
      await expect(claims.locator(`tr[data-claim="${name}"] td`).first()).toHaveText(
        `${String(token?.[name])} (${new Date(Number(token?.[name]) * 1000).toISOString()})`,
      );
    }
    await expect(claims.locator('tr[data-claim="sub"] td').first()).toHaveText(String(token?.sub));
    await expect(claims.locator('tr[data-claim="sid"] td').first()).toHaveText(`${String(token?.sid).slice(0, 8)}…`);
    expect(html, "the sid is never shown whole").not.toContain(String(token?.sid));
    await expect(page.getByTestId("inspect-header").locator('tr[data-claim="enc"] td').first()).toHaveText("A256CBC-HS512");
    await expect(page.getByTestId("inspect-progress")).toContainText("None yet");
    await expect(page.getByTestId("inspect-session-rows")).toHaveText(mode === "jwt" ? "1" : "0");
  }

  const cost = page.getByTestId("inspect-check-cost");
  await expect(cost).toHaveAttribute("data-statements", String(STATEMENTS[mode]));
  // Its time, measured on this request, beside the count.
  await expect(cost).toHaveText(new RegExp(`^\\d+\\.\\d{2} ms, ${STATEMENTS[mode]} SQL statements?$`));
  recordFact(mode, "session-check.statements", Number(await cost.getAttribute("data-statements")), "statements");
  await expect(page.getByTestId("inspect-copy-after-sign-out")).toContainText(
    mode === "jwt-stateless" || mode === "jwt-version" ? "It keeps working" : "Nothing.",
  );
  const seconds = Number(await page.getByTestId("expiry-countdown").getAttribute("data-expires-at")) - Date.now() / 1000;
  expect(seconds / 86_400, "the countdown is to the session's expiry, 30 days away").toBeGreaterThan(29);
});
