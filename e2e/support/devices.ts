import type { BrowserContext, Page } from "@playwright/test";
import { AuthPages } from "./auth-pages";
import { expect, type NewContext, type TestUser } from "./fixtures";

/** A second, separate browser (watched by the leak guard) signed in as `user`, with its own user agent. */
export async function secondDevice(newContext: NewContext, user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
  });
  const page = await context.newPage();
  await new AuthPages(page).login(user);
  return { context, page };
}

export async function expectSignedOut(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
}

export async function expectSignedIn(page: Page, user: TestUser) {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
}
