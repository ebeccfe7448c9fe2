import type { BrowserContext, Page, Request } from "@playwright/test";
import { AuthPages } from "./auth-pages";
import type { E2eDatabase } from "./database";
import { setRole } from "./db";
import { expect, type NewContext, type TestUser } from "./fixtures";

/** A separate browser (watched by the leak guard) signed in as a freshly promoted admin (promoted before sign-in, so every mode sees it). */
export async function adminDevice(
  newContext: NewContext,
  db: E2eDatabase,
  admin: TestUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext();
  const page = await context.newPage();
  const auth = new AuthPages(page);
  await auth.register(admin);
  await setRole(db, admin.email, "ADMIN");
  await auth.logout();
  await auth.login(admin);
  await expect(page.getByTestId("user-role")).toHaveText("Administrator");
  return { context, page };
}

export async function openUserAsAdmin(page: Page, email: string) {
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: "Email or name contains" }).fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await page.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { name: email })).toBeVisible();
}

/** What identifies a captured server action request, without the sender's cookies. */
export function actionHeaders(request: Request): Record<string, string> {
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept", "origin"];
  return Object.fromEntries(Object.entries(request.headers()).filter(([name]) => keep.includes(name.toLowerCase())));
}

/** Clicks a button whose form posts a server action, and returns that POST without letting it reach the server. */
export async function captureActionPost(page: Page, click: () => Promise<void>): Promise<Request> {
  let captured: Request | undefined;
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      captured = route.request();
      await route.abort();
    } else {
      await route.fallback();
    }
  });
  await click();
  await expect.poll(() => Boolean(captured)).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  if (!captured) throw new Error("no server action POST was sent");
  return captured;
}
