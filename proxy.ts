import { type NextRequest, NextResponse } from "next/server";
import { isSessionCookie, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { env } from "@/lib/env";

// Optimistic check only: no session cookie on a signed-in page means /login. The real verification
// (signature, expiry, database row) happens in lib/dal.ts on every page and action.

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const name = sessionCookieName(usesSecureCookies(env.AUTH_URL));
  const hasCookie = request.cookies.getAll().some((cookie) => isSessionCookie(cookie.name, name));
  if (!hasCookie) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/dashboard/:path*", "/onboarding/:path*"],
};
