import { type NextRequest, NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { isSessionCookie, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { proxyRefreshDue } from "@/lib/auth/refresh";
import { runAsReissue } from "@/lib/auth/reissue";
import { env } from "@/lib/env";

// Signed-in pages only. No session cookie: straight to /login. With one, when a refresh is due
// (lib/auth/refresh.ts), Auth.js checks it and re-issues the cookie with a fresh expiry (the sliding idle
// timeout; Server Components cannot set cookies, so this is where it happens) or clears it when the
// session has ended. The page itself still verifies the session through lib/dal.ts: this layer is a
// convenience, not the guard.

function toLogin(request: NextRequest): NextResponse {
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

function isPrefetch(request: NextRequest): boolean {
  return request.headers.has("next-router-prefetch") || /prefetch/i.test(request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "");
}

// auth() typed as a route handler wants a route context; it only hands it on to the callback above.
const NO_ROUTE_CONTEXT = { params: Promise.resolve({}) };

export async function proxy(request: NextRequest) {
  const name = sessionCookieName(usesSecureCookies(env.AUTH_URL));
  if (!request.cookies.getAll().some((cookie) => isSessionCookie(cookie.name, name))) return toLogin(request);
  // Only page loads slide the session. A POST is a server action that may itself set the session cookie
  // (sign-out clears it, an onboarding step re-issues it); a refreshed copy on the same response would
  // race it, and in stateless jwt mode undo a sign-out.
  if (request.method !== "GET") return NextResponse.next();
  // Nor do prefetches: they are not activity, and one that returns after a sign-out or a token update
  // would set the older cookie again.
  if (isPrefetch(request)) return NextResponse.next();
  if (!(await proxyRefreshDue(request.cookies.getAll()))) return NextResponse.next();
  // With lazy configuration (lib/auth/index.ts) auth(handler) resolves to the wrapped handler
  // asynchronously, whatever its type says.
  const refresh = await auth((req) => (req.auth ? NextResponse.next() : toLogin(req)));
  return runAsReissue(async () => refresh(request, NO_ROUTE_CONTEXT));
}

export const config = {
  matcher: ["/dashboard/:path*", "/onboarding/:path*", "/sessions/:path*", "/account/:path*", "/activity/:path*", "/admin/:path*"],
};
