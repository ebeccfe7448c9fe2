import type { APIRequestContext, APIResponse, BrowserContext, ConsoleMessage, Request, Response, Route } from "@playwright/test";
import { isSessionCookieName } from "./auth-pages";

// The leak guard (SECURITY.md 2): every response a test receives — in any browser context and through
// any API request context it opens, `page.request` included — is recorded here, and the test fails if
// one carries a session cookie value or a bcrypt hash anywhere but the Set-Cookie that sets that cookie,
// is a server error the test did not declare, or a page broke the Content-Security-Policy. A body it
// could not read counts as unread (reported on the test); if that response sets or clears the session
// cookie, the test fails instead: those are the responses most worth reading.
// e2e/support/fixtures.ts registers every context and request context a test opens with the test's guard.

export const BCRYPT_HASH = /\$2[aby]\$\d{2}\$/;
/** A body the guard could not read (the browser dropped it, or it never finished). */
export const UNREAD = "unread";

export type Header = { name: string; value: string };
export type Seen = {
  method: string;
  url: string;
  status: number;
  headers: Header[];
  /** null: no body to read (a redirect, or a HEAD). */
  body: Buffer | null | typeof UNREAD;
};
export type GuardReport = { checked: number; unread: string[]; problems: string[] };

/** The name and value a Set-Cookie header sets. */
function cookieSet(header: Header): { name: string; value: string } | null {
  if (header.name.toLowerCase() !== "set-cookie") return null;
  const match = /^\s*([^=;]+)=([^;]*)/.exec(header.value);
  return match?.[1] !== undefined ? { name: match[1].trim(), value: match[2] ?? "" } : null;
}

export function sessionCookieValues(headers: Header[]): string[] {
  return headers.flatMap((header) => {
    const cookie = cookieSet(header);
    return cookie && isSessionCookieName(cookie.name) && cookie.value ? [cookie.value] : [];
  });
}

const touchesSessionCookie = (headers: Header[]) => headers.some((header) => isSessionCookieName(cookieSet(header)?.name ?? ""));

/**
 * What is wrong with these responses, given the session cookie values seen in the test: the check the
 * guard runs at the end of every test, exported so e2e/security/leak-guard.spec.ts can show it fails.
 */
export function inspect(
  seen: readonly Seen[],
  sessionValues: ReadonlySet<string>,
  expectedStatuses: ReadonlySet<number> = new Set(),
): GuardReport {
  const problems: string[] = [];
  const unread: string[] = [];
  let checked = 0;
  const secretIn = (text: string): string | null => {
    if (BCRYPT_HASH.test(text)) return "a bcrypt hash";
    for (const value of sessionValues) if (text.includes(value)) return "the session cookie value";
    return null;
  };
  for (const { method, url, status, headers, body } of seen) {
    const where = `${status} ${method} ${url}`;
    if (status >= 500 && !expectedStatuses.has(status)) problems.push(`server error: ${where}`);
    const inUrl = secretIn(url);
    if (inUrl) problems.push(`${inUrl} in the URL of ${where}`);
    for (const header of headers) {
      // The one place the value belongs: the Set-Cookie that sets the session cookie.
      if (isSessionCookieName(cookieSet(header)?.name ?? "")) continue;
      const inHeader = secretIn(header.value);
      if (inHeader) problems.push(`${inHeader} in the ${header.name} header of ${where}`);
    }
    if (body === UNREAD) {
      if (touchesSessionCookie(headers)) problems.push(`unread body of a response that sets or clears the session cookie: ${where}`);
      else unread.push(url);
      continue;
    }
    checked += 1;
    const inBody = body ? secretIn(body.toString("utf8")) : null;
    if (inBody) problems.push(`${inBody} in the body of ${where}`);
  }
  return { checked, unread, problems };
}

const BODY_WAIT_MS = 5_000;
const UNFINISHED = Symbol("unfinished");
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// React prefixes the fields of a form bound to useActionState ("1_password"), so match on the ending.
const PASSWORD_FIELD = /name="[^"]*[Pp]assword"\r\n\r\n([^\r]*)\r\n/g;

function passwordFieldValues(body: string): string[] {
  const values = [...body.matchAll(PASSWORD_FIELD)].map((match) => match[1] ?? "");
  for (const [name, value] of new URLSearchParams(body.includes("\r\n") ? "" : body)) {
    if (/password/i.test(name)) values.push(value);
  }
  return values;
}

type Fetch = (urlOrRequest: unknown, options?: { method?: string }) => Promise<APIResponse>;

/** One test's guard: register contexts and request contexts with it, then read its report. */
export class LeakGuard {
  private readonly seen: Seen[] = [];
  private readonly sessionValues = new Set<string>();
  private readonly typedSecrets = new Set<string>();
  private readonly cspViolations: string[] = [];
  private readonly expectedStatuses = new Set<number>();
  private readonly pending = new Set<Promise<void>>();
  private readonly releases = new Map<BrowserContext, () => Promise<void>>();
  private readonly guarded = new WeakSet<APIRequestContext>();

  /** This test provokes server errors with this status on purpose (the outage spec: 503); they are still checked for leaks. */
  expectServerError(status: number) {
    this.expectedStatuses.add(status);
  }

  /** Session cookie values and typed passwords seen, for e2e/server-output.spec.ts to search the servers' output for. */
  secrets(): string[] {
    return [...this.sessionValues, ...this.typedSecrets];
  }

  /** Every response recorded so far, with the server's own headers (e2e/security/https.spec.ts reads its Set-Cookie headers here). */
  async responses(): Promise<readonly Seen[]> {
    await this.settle();
    return this.seen;
  }

  record(seen: Seen) {
    for (const value of sessionCookieValues(seen.headers)) this.sessionValues.add(value);
    this.seen.push(seen);
  }

  /** Every APIResponse this request context returns is recorded (they never reach a browser context's events). */
  guardRequest(api: APIRequestContext): APIRequestContext {
    if (this.guarded.has(api)) return api;
    this.guarded.add(api);
    // get, post, put, patch, delete and head all go through fetch (e2e/security/leak-guard.spec.ts counts
    // each response exactly once, so a Playwright release that changed this would fail it).
    const target = api as unknown as { fetch: Fetch };
    const original = target.fetch.bind(api);
    target.fetch = async (urlOrRequest, options) => {
      const response = await original(urlOrRequest, options);
      const method = (
        options?.method ?? (typeof urlOrRequest === "string" ? "GET" : ((urlOrRequest as Request).method?.() ?? "GET"))
      ).toUpperCase();
      this.record({
        method,
        url: response.url(),
        status: response.status(),
        headers: response.headersArray(),
        body: method === "HEAD" ? null : await response.body().catch(() => UNREAD),
      });
      return response;
    };
    return api;
  }

  /** Records every response of this browser context (its pages, and its `request`, which `page.request` is). */
  async watchContext(context: BrowserContext): Promise<BrowserContext> {
    if (this.releases.has(context)) return context;
    this.guardRequest(context.request);
    const onConsole = (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text())) this.cspViolations.push(message.text());
    };
    const onRequest = (request: Request) => {
      const body = request.method() === "POST" ? request.postData() : null;
      if (body) for (const value of passwordFieldValues(body)) this.typedSecrets.add(value);
    };
    // Two kinds of response are read where they pass (Playwright's route.fetch, the body kept on the
    // way), because the browser drops a response's body once the page moves on: RSC requests (prefetches,
    // most of them abandoned that way, and client-side navigations, whose answer may refresh the session
    // cookie) and server action posts — sign-in, registration, sign-out — whose answer sets or clears
    // the session cookie and is followed at once by a navigation. The fulfilled response
    // carries the server's own headers, Set-Cookie included, so the browser applies the cookie as it
    // would have (route.fetch also writes it to the same jar first, with the same attributes). Everything
    // else goes to the network untouched and is read from the response below.
    const readHere = new Map<Request, { body: Buffer; headers: Header[] }>();
    const readOnTheWay = async (route: Route) => {
      const request = route.request();
      const headers = request.headers();
      // RSC requests (prefetches and client-side navigations) carry `rsc: 1`; server actions `next-action`.
      const rsc = headers["rsc"] === "1" || Boolean(headers["next-router-prefetch"]);
      const action = request.method() === "POST" && Boolean(headers["next-action"]);
      if (!rsc && !action) return route.fallback();
      let fetched: APIResponse;
      try {
        fetched = await route.fetch({ maxRedirects: 0 });
      } catch {
        return route.fallback().catch(() => undefined); // the page is gone, or the request was aborted
      }
      const body = await fetched.body().catch(() => null);
      if (body !== null) readHere.set(request, { body, headers: fetched.headersArray() });
      await route.fulfill({ response: fetched, ...(body !== null ? { body } : {}) }).catch(() => undefined);
    };
    const everything = "**/*";
    await context.route(everything, readOnTheWay);
    const onResponse = (response: Response) => {
      const task = this.readResponse(response, readHere).finally(() => this.pending.delete(task));
      this.pending.add(task);
    };
    context.on("request", onRequest);
    context.on("console", onConsole);
    context.on("response", onResponse);

    const release = async () => {
      context.off("request", onRequest);
      context.off("console", onConsole);
      context.off("response", onResponse);
      await context.unroute(everything, readOnTheWay).catch(() => undefined);
      await this.settle();
      // Cookies the test put in the jar itself (copied, forged) are values to look for too.
      for (const cookie of await context.cookies().catch(() => []))
        if (isSessionCookieName(cookie.name) && cookie.value) this.sessionValues.add(cookie.value);
    };
    this.releases.set(context, release);
    // A test closing the context itself: read what is in flight first, while it can still be read.
    const close = context.close.bind(context);
    context.close = async (options) => {
      await this.release(context);
      return close(options);
    };
    return context;
  }

  private async readResponse(response: Response, readHere: Map<Request, { body: Buffer; headers: Header[] }>) {
    const request = response.request();
    const status = response.status();
    // Raw headers (every Set-Cookie); a response that lands while the context closes has only the parsed ones.
    const headers = await response.headersArray().catch(() => Object.entries(response.headers()).map(([name, value]) => ({ name, value })));
    const seen = { method: request.method(), url: response.url(), status, headers };
    // Read on its way through by the route above: the same bytes and the server's own headers (the
    // browser reports a fulfilled response without its Set-Cookie headers).
    const routed = readHere.get(request);
    if (routed) return this.record({ ...seen, ...routed });
    const redirect = status >= 300 && status < 400;
    // A redirect has no body; a streamed response that never finishes (an abandoned RSC prefetch) never reached the page whole.
    const body = await Promise.race([
      response.body().catch(() => (redirect ? null : UNREAD)),
      delay(BODY_WAIT_MS).then((): typeof UNFINISHED => UNFINISHED),
    ]);
    this.record({ ...seen, body: body === UNFINISHED ? UNREAD : body });
  }

  private async settle() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Stops watching this context, after reading what is still in flight (before it closes). */
  async release(context: BrowserContext) {
    const release = this.releases.get(context);
    this.releases.delete(context);
    await release?.();
  }

  /** Stops watching every context (reading what is still in flight) and says what was found. */
  async finish(): Promise<GuardReport & { cspViolations: string[] }> {
    for (const context of [...this.releases.keys()]) await this.release(context);
    await this.settle();
    return { ...inspect(this.seen, this.sessionValues, this.expectedStatuses), cspViolations: [...this.cspViolations] };
  }
}
