import { NextResponse, type NextRequest } from "next/server";
import { auth } from "@/lib/auth";
import { isBenchControl } from "@/lib/auth/bench-control";
import { isSessionCookie, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { HANDOFF_HEADER, sealHandoff } from "@/lib/auth/handoff";
import { checkSessionCookie, sessionCookieFromHeader } from "@/lib/auth/session-check";
import { assertDatabaseFileInPlace, probeDatabase } from "@/lib/db";
import { databaseAvailable, watchForOutage } from "@/lib/db-health";
import { env, isDevelopment } from "@/lib/env";
import { flowProxyDone, flowRequestStarted } from "@/lib/flows/recorder";
import { INSTANCE_HEADER } from "@/lib/instance";
import { contentSecurityPolicy, createNonce, NO_STORE, securityHeaders } from "@/lib/security/headers";
import { crossSiteRefusal } from "@/lib/security/origin";
import { isSignedInPage } from "@/lib/signed-in-pages";
import { unavailableResponse } from "@/lib/unavailable";

// State-changing requests from another site (lib/security/origin.ts) are refused with 403 first.
// Every response gets the security headers (lib/security/headers.ts) and a CSP nonce. Signed-in pages
// also get `Cache-Control: no-store` and the session gate: no session cookie, straight to /login. With one,
// a page load's session is checked once, here, on the read path (lib/auth/session-check.ts) and handed
// to the page by an id in a request header (lib/auth/handoff.ts), so the page does not check it again; in
// database mode the page load sets the cookie again with a fresh expiry, as Auth.js did. When the check
// refuses the session, or a jwt is due to be re-issued (lib/auth/refresh.ts), Auth.js checks it and
// re-issues the cookie with a fresh expiry (the sliding idle timeout; Server Components cannot set
// cookies, so this is where it happens) or clears it when the session has ended. The page still asks
// lib/dal.ts, which checks the session itself whenever no handed-over check is there: this layer is a
// convenience, not the guard.

function toLogin(request: NextRequest): NextResponse {
  const login = new URL("/login", request.url);
  // next.config.js `skipProxyUrlNormalize`: the URL still carries the router's cache-busting `_rsc`.
  const back = new URLSearchParams(request.nextUrl.search);
  back.delete("_rsc");
  const query = back.toString();
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${query ? `?${query}` : ""}`);
  return NextResponse.redirect(login);
}

/**
 * A router prefetch (Next-Router-Prefetch, which the proxy sees because of `skipProxyUrlNormalize` in
 * next.config.js) or a browser-level one (Sec-Purpose: prefetch).
 */
function isPrefetch(request: NextRequest): boolean {
  return (
    request.headers.has("next-router-prefetch") ||
    /prefetch/i.test(request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "")
  );
}

// auth() typed as a route handler wants a route context; it only hands it on to the callback above.
const NO_ROUTE_CONTEXT = { params: Promise.resolve({}) };

export async function proxy(request: NextRequest) {
  // npm run flows (lib/flows/recorder.ts): the SQL from here on belongs to this request, first in the proxy.
  flowRequestStarted(request.headers);
  let response: Response | null = null;
  try {
    response = await handle(request);
    return response;
  } finally {
    flowProxyDone(response);
  }
}

async function handle(request: NextRequest): Promise<Response> {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { development: isDevelopment() });
  // Next.js finds the nonce in the request's CSP header and adds it to the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  // Only this proxy may hand a checked session to the page.
  headers.delete(HANDOFF_HEADER);
  const next = () => NextResponse.next({ request: { headers } });
  // The bearer API reads no cookie, so a cross-site request rides on nothing; CORS (lib/api/cors.ts) governs it.
  const bearerApi = request.nextUrl.pathname.startsWith("/api/v1/");
  if (!bearerApi && crossSiteRefusal(request.method, request.headers)) return withSecurityHeaders(crossSiteResponse(), csp);
  // Fail closed: while the database is unreachable, everything gets a 503 (lib/db-health.ts).
  if (!(await databaseAvailable(assertDatabaseFileInPlace, probeDatabase))) return withSecurityHeaders(unavailableResponse(request), csp);
  const signedIn = isSignedInPage(request.nextUrl.pathname);
  // `npm run bench`'s control: the same page without the session check (lib/auth/bench-control.ts).
  const control = signedIn && isBenchControl(request.headers);
  const response: Response = signedIn && !control ? await gate(request, headers, next) : next();
  if (signedIn) response.headers.set("Cache-Control", NO_STORE);
  return withSecurityHeaders(response, csp);
}

function withSecurityHeaders(response: Response, csp: string): Response {
  const https = usesSecureCookies(env.AUTH_URL);
  for (const [name, value] of Object.entries(securityHeaders(csp, { https }))) response.headers.set(name, value);
  // Several instances behind a balancer (npm run cluster): every response names the one that served it.
  if (env.INSTANCE_NAME) response.headers.set(INSTANCE_HEADER, env.INSTANCE_NAME);
  return response;
}

/** A cross-site POST (a server action, an Auth.js endpoint, any route handler) ends here: 403, nothing runs. */
function crossSiteResponse(): Response {
  return new NextResponse("Cross-site request refused.", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": NO_STORE },
  });
}

async function gate(request: NextRequest, headers: Headers, next: () => NextResponse): Promise<Response> {
  const name = sessionCookieName(usesSecureCookies(env.AUTH_URL));
  if (!request.cookies.getAll().some((cookie) => isSessionCookie(cookie.name, name))) return toLogin(request);
  // Only page loads slide the session. A POST is a server action that may itself set the session cookie
  // (sign-out clears it, an onboarding step re-issues it); a refreshed copy on the same response would
  // race it, and in stateless jwt mode undo a sign-out. The action checks its session through lib/dal.ts.
  if (request.method !== "GET") return next();
  // Nor do prefetches: they are not activity, and one that returns after a sign-out or a token update
  // would set the older cookie again.
  if (isPrefetch(request)) return next();
  const value = await sessionCookieFromHeader(request.headers.get("cookie"));
  const checked = await watchForOutage(() => checkSessionCookie(value, { deferReissue: true }));
  if (checked.metOutage) return unavailableResponse(request);
  if (checked.ok && value && checked.value.session) {
    const { session, token, renewCookie } = checked.value;
    headers.set(HANDOFF_HEADER, sealHandoff({ session, token }, value));
    const response = next();
    // Database mode: the same cookie with a fresh expiry, as Auth.js's session action sets it on every check.
    if (renewCookie)
      response.cookies.set(name, value, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: usesSecureCookies(env.AUTH_URL),
        expires: new Date(Date.now() + env.AUTH_SESSION_MAX_AGE * 1000),
      });
    return response;
  }
  // Refused, due for a re-issue, or an error: Auth.js decides. With lazy configuration
  // (lib/auth/index.ts) auth(handler) resolves to the wrapped handler asynchronously, whatever its type says.
  const refresh = await auth((req) => {
    if (!req.auth?.user?.id || !value) return toLogin(req);
    headers.set(HANDOFF_HEADER, sealHandoff({ session: { user: req.auth.user, expires: req.auth.expires }, token: null }, value));
    return next();
  });
  const watched = await watchForOutage(async () => refresh(request, NO_ROUTE_CONTEXT));
  // Auth.js reads a database error as "no session" and clears the cookie; the session is not over,
  // the database is away: answer 503 and leave the cookie alone.
  if (watched.metOutage) return unavailableResponse(request);
  if (!watched.ok) throw watched.error;
  return watched.value ?? next();
}

export const config = {
  // Everything but the build's static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
