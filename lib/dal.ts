import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { recordActivity } from "@/lib/activity/record";
import { isCurrentAdmin } from "@/lib/auth/admin";
import { isSessionCookie, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { checkRequestSession } from "@/lib/auth/session-check";
import type { VerifiedSession } from "@/lib/auth/types";
import { env } from "@/lib/env";

export type { VerifiedSession };

/**
 * The real session check, once per request: the check proxy.ts made of this page load and handed over,
 * or else the read path's own (lib/auth/session-check.ts: what auth() would answer, without re-issuing).
 */
export const verifySession = cache(async (): Promise<VerifiedSession | null> => checkRequestSession(await headers()));

/**
 * For signed-in pages: the session, or a redirect to /login that brings the user back. Every signed-in
 * page calls it, which makes it the one hook that records page views (a page rendered again by a
 * server action, or for a prefetch, is not a view).
 */
export async function requireSession(returnTo: string): Promise<VerifiedSession> {
  const session = await verifySession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  const request = await headers();
  if (!request.has("next-action") && !request.has("next-router-prefetch")) {
    await recordActivity({ type: "page.view", userId: session.user.id, path: returnTo, session: "current" });
  }
  return session;
}

/** For admin pages and actions: the session of an admin, or a 404 for everyone else (checked on the server). */
export async function requireAdmin(returnTo: string): Promise<VerifiedSession> {
  const session = await requireSession(returnTo);
  if (!(await isCurrentAdmin(session.user))) notFound();
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
