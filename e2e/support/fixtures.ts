import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { type APIResponse, test as base, type ConsoleMessage, expect, type Cookie, type Request, type Response, type Route } from "@playwright/test";
import { AuthPages, isSessionCookieName } from "./auth-pages";
import { OnboardingPages } from "./onboarding-pages";
import { type E2eDatabase, openDatabase } from "./database";
import type { Mode } from "./modes";

/** `databaseUrl`: the project's server's DATABASE_URL (a SQLite file, or a PostgreSQL database of its own). */
export type ModeOptions = { mode: Mode; databaseUrl: string };

export type TestUser = { name: string; email: string; password: string };

type Fixtures = {
  /** The project's database (SQLite or PostgreSQL), opened read-mostly for assertions about what the server stored. */
  db: E2eDatabase;
  newUser: (overrides?: Partial<TestUser>) => TestUser;
  auth: AuthPages;
  onboarding: OnboardingPages;
  /** Automatic: fails the test if any response leaked a session cookie value or a bcrypt hash, was a 5xx, or the page broke the CSP. */
  leakGuard: void;
};

const BCRYPT_HASH = /\$2[aby]\$\d{2}\$/;

/** Where each test leaves the secrets it saw, for e2e/server-output.spec.ts to search the servers' output for. */
export const SECRETS_DIR = ".e2e/secrets";
/** Shorter values could match ordinary log text by chance. */
const MIN_SECRET_LENGTH = 10;
// React prefixes the fields of a form bound to useActionState ("1_password"), so match on the ending.
const PASSWORD_FIELD = /name="[^"]*[Pp]assword"\r\n\r\n([^\r]*)\r\n/g;

function passwordFieldValues(body: string): string[] {
  const values = [...body.matchAll(PASSWORD_FIELD)].map((match) => match[1] ?? "");
  for (const [name, value] of new URLSearchParams(body.includes("\r\n") ? "" : body)) {
    if (/password/i.test(name)) values.push(value);
  }
  return values;
}

function rememberSecrets(testId: string, values: string[]) {
  const secrets = [...new Set(values)].filter((value) => value.length >= MIN_SECRET_LENGTH);
  if (!secrets.length) return;
  mkdirSync(SECRETS_DIR, { recursive: true });
  writeFileSync(`${SECRETS_DIR}/${testId}.json`, JSON.stringify(secrets));
}
const BODY_WAIT_MS = 5_000;
const UNFINISHED = Symbol("unfinished");
const UNREADABLE = Symbol("unreadable");
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    async ({ context }, use) => {
      const pending: Promise<void>[] = [];
      const bodies: { url: string; text: string }[] = [];
      const sessionValues = new Set<string>();
      const serverErrors: string[] = [];
      const unfinished: string[] = [];
      const unreadable: string[] = [];
      const typedSecrets = new Set<string>();
      const cspViolations: string[] = [];
      const onConsole = (message: ConsoleMessage) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      };
      const onRequest = (request: Request) => {
        const body = request.method() === "POST" ? request.postData() : null;
        if (body) for (const value of passwordFieldValues(body)) typedSecrets.add(value);
      };
      // RSC prefetches are read where they pass, before the page can drop them: the browser discards a
      // response's body once the page moves on, and most prefetches are abandoned that way (read
      // afterwards, about a quarter of all bodies were gone). Only prefetches: they never set a cookie
      // (proxy.ts does not refresh sessions for them), so answering them from Playwright's fetch changes
      // nothing the browser does with cookies — which the cookie tests are about. Everything else goes
      // to the network untouched and is read from the response below.
      const readHere = new Set<Request>();
      const inspectPrefetch = async (route: Route) => {
        const request = route.request();
        if (!request.headers()["next-router-prefetch"]) return route.fallback();
        let fetched: APIResponse;
        try {
          fetched = await route.fetch({ maxRedirects: 0 });
        } catch {
          return route.fallback().catch(() => undefined); // the page is gone, or the request was aborted
        }
        const body = await fetched.body().catch(() => null);
        if (body !== null) {
          readHere.add(request);
          bodies.push({ url: request.url(), text: body.toString("utf8") });
        }
        await route.fulfill({ response: fetched, ...(body !== null ? { body } : {}) }).catch(() => undefined);
      };
      // Prefetches always carry `_rsc`; routing nothing else keeps the interception cost off other requests.
      const rscRequest = (url: URL) => url.searchParams.has("_rsc");
      await context.route(rscRequest, inspectPrefetch);
      const onResponse = (response: Response) => {
        pending.push(
          (async () => {
            if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
            // A response that lands while the context closes can no longer be read.
            for (const header of await response.headersArray().catch(() => [])) {
              if (header.name.toLowerCase() !== "set-cookie") continue;
              const match = /^([^=;]+)=([^;]*)/.exec(header.value);
              if (match?.[1] && match[2] && isSessionCookieName(match[1])) sessionValues.add(match[2]);
            }
            // Redirects and aborted responses have no body to inspect; a streamed response that never
            // finishes (an abandoned RSC prefetch) never reached the page whole: it is noted on the test, not awaited.
            if (readHere.has(response.request())) return;
            const redirect = response.status() >= 300 && response.status() < 400;
            const body = await Promise.race([response.body().catch(() => (redirect ? null : UNREADABLE)), delay(BODY_WAIT_MS).then(() => UNFINISHED)]);
            if (body === UNFINISHED) unfinished.push(response.url());
            // The browser already dropped it (the page navigated on): counted on the test, not claimed as read.
            else if (body === UNREADABLE) unreadable.push(response.url());
            else bodies.push({ url: response.url(), text: body ? body.toString("utf8") : "" });
          })(),
        );
      };
      context.on("request", onRequest);
      context.on("console", onConsole);
      context.on("response", onResponse);
      await use();
      context.off("request", onRequest);
      context.off("console", onConsole);
      context.off("response", onResponse);
      await context.unroute(rscRequest, inspectPrefetch).catch(() => undefined);
      await Promise.all(pending);
      const cookies: Cookie[] = await context.cookies().catch(() => []);
      for (const cookie of cookies) if (isSessionCookieName(cookie.name) && cookie.value) sessionValues.add(cookie.value);
      rememberSecrets(test.info().testId, [...sessionValues, ...typedSecrets]);

      expect(serverErrors, "no response may be a server error").toEqual([]);
      expect(cspViolations, "nothing on the page may break the Content-Security-Policy").toEqual([]);
      if (unfinished.length) {
        test.info().annotations.push({ type: "leak guard", description: `not inspected, never finished: ${unfinished.join(", ")}` });
      }
      if (unreadable.length) {
        test.info().annotations.push({ type: "leak guard: body gone", description: `${unreadable.length} of ${unreadable.length + bodies.length} bodies: ${unreadable.join(", ")}` });
      }
      for (const { url, text } of bodies) {
        expect(text, `a bcrypt hash leaked in ${url}`).not.toMatch(BCRYPT_HASH);
        for (const value of sessionValues) {
          expect(text.includes(value), `the session cookie value leaked in the body of ${url}`).toBe(false);
          expect(url.includes(value), `the session cookie value leaked in the URL ${url}`).toBe(false);
        }
      }
    },
    { auto: true },
  ],
});

export { expect };
