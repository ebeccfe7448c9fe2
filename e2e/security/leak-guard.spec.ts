import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, PlaywrightWorkerArgs } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { inspect, LeakGuard, UNREAD, type Seen } from "../support/leak-guard";

// The leak guard's positive control (SECURITY.md 2): a guard that silently stopped seeing or checking
// responses would leave every other test green. Here a guard of its own watches a browser context and an
// API request context pointed at a small server that leaks on purpose, and must report each leak; the
// same server's clean page must pass. The guard's code is the same in every mode: the database project
// runs this (e2e/support/modes.ts).

const SECRET = "s3ss10n-t0k3n-v4lu3-f0r-th3-c0ntr0l";
const HASH = "$2b$12$abcdefghijklmnopqrstuuJ3vQ6iW3b1t0oJ9xR2g1hT0mE5cI7a";
const PAGES: Record<string, { status?: number; headers?: Record<string, string>; body: string }> = {
  "/sign-in": { headers: { "set-cookie": `authjs.session-token=${SECRET}; Path=/; HttpOnly; SameSite=Lax` }, body: "<p>signed in</p>" },
  "/clean": { body: "<p>nothing to see</p>" },
  "/in-body": { body: `<p>${SECRET}</p>` },
  "/in-header": { headers: { "x-debug": `token=${SECRET}` }, body: "<p>header</p>" },
  "/in-other-cookie": { headers: { "set-cookie": `copy=${SECRET}; Path=/` }, body: "<p>other cookie</p>" },
  "/hash": { body: `<p>${HASH}</p>` },
  "/broken": { status: 500, body: "<p>broken</p>" },
  "/unavailable": { status: 503, body: "<p>away</p>" },
  "/csp": { headers: { "content-security-policy": "script-src 'none'" }, body: "<script>document.title = 'ran'</script>" },
};

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const page = PAGES[new URL(request.url ?? "/", "http://x").pathname] ?? { status: 404, body: "" };
    response.writeHead(page.status ?? 200, { "content-type": "text/html", ...page.headers });
    response.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** What a guard of its own reports after these paths are visited in a browser and requested through an API context. */
async function guardedVisit(
  open: { browser: Browser; playwright: PlaywrightWorkerArgs["playwright"] },
  paths: string[],
  setUp?: (guard: LeakGuard) => void,
) {
  const guard = new LeakGuard();
  setUp?.(guard);
  // Opened directly (lint allows it in this file only): this guard is the one under test, not the test's own.
  const context = await guard.watchContext(await open.browser.newContext({ baseURL: origin }));
  const page = await context.newPage();
  for (const path of paths) await page.goto(path);
  // page.request shares the context: its responses must be checked as well.
  for (const path of paths) await page.request.get(path);
  await context.close();
  const api = guard.guardRequest(await open.playwright.request.newContext({ baseURL: origin }));
  for (const path of paths) await api.get(path);
  await api.dispose();
  return guard.finish();
}

test("the leak guard reports a session cookie value or bcrypt hash in a body, header, other cookie or URL, a 5xx and a CSP violation, in browsers and API contexts alike", async ({
  browser,
  playwright,
}) => {
  const report = await guardedVisit({ browser, playwright }, [
    "/sign-in",
    "/in-body",
    "/in-header",
    "/in-other-cookie",
    "/hash",
    "/broken",
    `/clean?echo=${SECRET}`,
    "/csp",
  ]);
  // Each leak, once through the page, once through page.request, once through the API context.
  const count = (pattern: RegExp) => report.problems.filter((problem) => pattern.test(problem)).length;
  expect(count(/^the session cookie value in the body of 200 GET .*\/in-body$/), report.problems.join("\n")).toBe(3);
  expect(count(/^the session cookie value in the x-debug header of 200 GET .*\/in-header$/)).toBe(3);
  expect(count(/^the session cookie value in the set-cookie header of 200 GET .*\/in-other-cookie$/)).toBe(3);
  expect(count(/^a bcrypt hash in the body of 200 GET .*\/hash$/)).toBe(3);
  expect(count(/^server error: 500 GET .*\/broken$/)).toBe(3);
  expect(count(/^the session cookie value in the URL of 200 GET .*\/clean\?echo=/)).toBe(3);
  expect(report.problems).toHaveLength(18);
  expect(report.cspViolations.length).toBeGreaterThan(0);
  // The cookie-setting response itself is not a leak: that Set-Cookie is where the value belongs.
  expect(report.problems.filter((problem) => problem.includes("/sign-in"))).toEqual([]);
  expect(report.checked).toBeGreaterThanOrEqual(24);
});

test("the leak guard passes clean responses, and a 5xx the test declared", async ({ browser, playwright }) => {
  const report = await guardedVisit({ browser, playwright }, ["/sign-in", "/clean", "/unavailable"], (guard) =>
    guard.expectServerError(503),
  );
  expect(report.problems).toEqual([]);
  expect(report.cspViolations).toEqual([]);
  expect(report.checked).toBeGreaterThanOrEqual(9);
  expect(report.unread).toEqual([]);
});

test("a body the guard could not read is counted as unread, and fails the test if the response sets or clears the session cookie", () => {
  const response = (path: string, headers: Seen["headers"]): Seen => ({
    method: "POST",
    url: `http://app.test${path}`,
    status: 200,
    headers,
    body: UNREAD,
  });
  const report = inspect(
    [
      response("/dashboard", [{ name: "content-type", value: "text/html" }]),
      response("/login", [{ name: "set-cookie", value: `authjs.session-token=${SECRET}; Path=/` }]),
      response("/logout", [{ name: "Set-Cookie", value: "__Host-authjs.session-token=; Max-Age=0; Path=/; Secure" }]),
    ],
    new Set([SECRET]),
  );
  expect(report.unread).toEqual(["http://app.test/dashboard"]);
  expect(report.checked).toBe(0);
  expect(report.problems).toEqual([
    "unread body of a response that sets or clears the session cookie: 200 POST http://app.test/login",
    "unread body of a response that sets or clears the session cookie: 200 POST http://app.test/logout",
  ]);
});
