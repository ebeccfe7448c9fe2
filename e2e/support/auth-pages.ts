import { expect, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import type { TestUser } from "./fixtures";

export const SESSION_COOKIE = "authjs.session-token";

/** Over HTTPS the cookie is `__Host-authjs.session-token`. */
export function isSessionCookieName(name: string): boolean {
  const base = name.replace(/^__(Host|Secure)-/, "");
  return base === SESSION_COOKIE || base.startsWith(`${SESSION_COOKIE}.`);
}

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name.replace(/^__Host-/, "") === SESSION_COOKIE);
}

/** The sign-in, registration and sign-out pages, driven the way a person would. */
export class AuthPages {
  constructor(readonly page: Page) {}

  async fillRegistration(user: Partial<TestUser> & { confirmPassword?: string }) {
    await this.page.goto("/register");
    await this.page.getByLabel("Name", { exact: true }).fill(user.name ?? "");
    await this.page.getByLabel("Email", { exact: true }).fill(user.email ?? "");
    await this.page.getByLabel("Password", { exact: true }).fill(user.password ?? "");
    await this.page.getByLabel("Confirm password").fill(user.confirmPassword ?? user.password ?? "");
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async register(user: TestUser) {
    await this.fillRegistration(user);
    await this.expectDashboard(user);
  }

  async fillLogin(email: string, password: string, path = "/login") {
    await this.page.goto(path);
    await this.page.getByLabel("Email", { exact: true }).fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async login(user: Pick<TestUser, "email" | "password" | "name">) {
    await this.fillLogin(user.email, user.password);
    await this.expectDashboard(user);
  }

  async logout() {
    await this.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(this.page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(this.page.getByText("You are signed out.")).toBeVisible();
  }

  async expectDashboard(user: Pick<TestUser, "name">) {
    await expect(this.page).toHaveURL(/\/dashboard$/);
    await expect(this.page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  }

  async expectSignedOutAt(path: string) {
    await expect(this.page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(path)}$`));
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
}
