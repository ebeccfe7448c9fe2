import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import {
  test as base,
  expect,
  type APIRequest,
  type APIRequestContext,
  type BrowserContext,
  type BrowserContextOptions,
} from "@playwright/test";
import { AuthPages } from "./auth-pages";
import { openDatabase, type E2eDatabase } from "./database";
import { LeakGuard } from "./leak-guard";
import { SAME_IN_EVERY_MODE_TAG, type Mode } from "./modes";
import { OnboardingPages } from "./onboarding-pages";

/** `databaseUrl`: the project's server's DATABASE_URL (a SQLite file, or a PostgreSQL database of its own). */
export type ModeOptions = { mode: Mode; databaseUrl: string };

export type TestUser = { name: string; email: string; password: string };

type Fixtures = {
  /** The project's database (SQLite or PostgreSQL), opened read-mostly for assertions about what the server stored. */
  db: E2eDatabase;
  newUser: (overrides?: Partial<TestUser>) => TestUser;
  auth: AuthPages;
  onboarding: OnboardingPages;
  /**
   * Automatic (e2e/support/leak-guard.ts): fails the test if any response leaked a session cookie value or
   * a bcrypt hash, was an undeclared 5xx, or a page broke the CSP; annotates the test with its counts.
   */
  leakGuard: LeakGuard;
  /** A new browser context (the project's baseURL and HTTPS options unless overridden), watched by the leak guard; closed after the test. */
  newContext: NewContext;
  /** A new API request context (the project's baseURL unless overridden), watched by the leak guard; disposed after the test. */
  newRequestContext: NewRequestContext;
};

export type NewContext = (options?: BrowserContextOptions) => Promise<BrowserContext>;
export type NewRequestContext = (options?: Parameters<APIRequest["newContext"]>[0]) => Promise<APIRequestContext>;

/** Where each test leaves the secrets it saw, for e2e/server-output.spec.ts to search the servers' output for. */
export const SECRETS_DIR = ".e2e/secrets";
/** Shorter values could match ordinary log text by chance. */
const MIN_SECRET_LENGTH = 10;

function rememberSecrets(testId: string, values: string[]) {
  const secrets = [...new Set(values)].filter((value) => value.length >= MIN_SECRET_LENGTH);
  if (!secrets.length) return;
  mkdirSync(SECRETS_DIR, { recursive: true });
  writeFileSync(`${SECRETS_DIR}/${testId}.json`, JSON.stringify(secrets));
}

export const test = base.extend<Fixtures & ModeOptions>({
  mode: ["database", { option: true }],
  databaseUrl: ["file:./.e2e/database/app.db", { option: true }],

  db: async ({ databaseUrl }, use) => {
    const database = await openDatabase(databaseUrl);
    await use(database);
    await database.close();
  },

  newUser: async ({ mode }, use) => {
    await use((overrides) => ({
      name: "Ada Lovelace",
      email: `ada-${mode}-${randomUUID().slice(0, 12)}@example.test`,
      password: "correct horse battery staple",
      ...overrides,
    }));
  },

  auth: async ({ page }, use) => {
    await use(new AuthPages(page));
  },

  onboarding: async ({ page }, use) => {
    await use(new OnboardingPages(page));
  },

  leakGuard: [
    async ({}, use) => {
      const guard = new LeakGuard();
      await use(guard);
      // Every context and request context below was released by now (they depend on this fixture).
      const { checked, unread, problems, cspViolations } = await guard.finish();
      rememberSecrets(test.info().testId, guard.secrets());
      // The counts go on every test; scripts/summarize-reports.mjs sums them into the run's summary.
      test.info().annotations.push({ type: "leak-guard", description: `checked=${checked} unread=${unread.length}` });
      if (unread.length) test.info().annotations.push({ type: "leak-guard: unread", description: unread.join(", ") });
      expect(problems, "no response may leak a session cookie value or a bcrypt hash, or be an undeclared server error").toEqual([]);
      expect(cspViolations, "nothing on the page may break the Content-Security-Policy").toEqual([]);
    },
    { auto: true },
  ],

  // Playwright's own context (and so `page` and `page.request`) and `request`, registered with the guard.
  context: async ({ context, leakGuard }, use) => {
    await leakGuard.watchContext(context);
    await use(context);
    await leakGuard.release(context);
  },

  request: async ({ request, leakGuard }, use) => {
    await use(leakGuard.guardRequest(request));
  },

  newContext: async ({ browser, baseURL, ignoreHTTPSErrors, leakGuard }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ignoreHTTPSErrors, ...options });
      opened.push(context);
      return leakGuard.watchContext(context);
    });
    // Closing reads what is still in flight first (the guard wraps close); closing twice is harmless.
    for (const context of opened) await context.close();
  },

  newRequestContext: async ({ playwright, baseURL, ignoreHTTPSErrors, leakGuard }, use) => {
    const opened: APIRequestContext[] = [];
    await use(async (options = {}) => {
      const api = await playwright.request.newContext({ baseURL, ignoreHTTPSErrors, ...options });
      opened.push(api);
      return leakGuard.guardRequest(api);
    });
    for (const api of opened) await api.dispose();
  },
});

export { expect };

/** Details for a test whose behaviour cannot differ between modes: it runs in database mode only (e2e/support/modes.ts). */
export const SAME_IN_EVERY_MODE = { tag: SAME_IN_EVERY_MODE_TAG };
