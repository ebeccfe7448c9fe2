import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth";
import { isSessionCookie, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import type { SessionUser } from "@/lib/auth/types";
import { env } from "@/lib/env";

export type VerifiedSession = { user: SessionUser; expires: string };

/** The real session check: runs the configured strategy's verification once per request. */
export const verifySession = cache(async (): Promise<VerifiedSession | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { user: session.user, expires: session.expires };
});

/** For signed-in pages: the session, or a redirect to /login that brings the user back. */
export async function requireSession(returnTo: string): Promise<VerifiedSession> {
  const session = await verifySession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session;
}

export type SessionCookieInfo = { name: string; bytes: number; chunks: number; expires: string };

/** Name, size and expiry of this browser's session cookie; never its value. */
export async function getSessionCookieInfo(session: VerifiedSession): Promise<SessionCookieInfo | null> {
  const name = sessionCookieName(usesSecureCookies(env.AUTH_URL));
  const parts = (await cookies()).getAll().filter((cookie) => isSessionCookie(cookie.name, name));
  if (!parts.length) return null;
  const bytes = parts.reduce((sum, c) => sum + Buffer.byteLength(`${c.name}=${c.value}`, "utf8"), 0);
  return { name, bytes, chunks: parts.length, expires: session.expires };
}
