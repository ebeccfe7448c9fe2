import "server-only";
import type { NextRequest } from "next/server";
import { watchForOutage } from "@/lib/db-health";
import { requestMetaFrom } from "@/lib/request-meta";
import { NO_STORE } from "@/lib/security/headers";
import { unavailableResponse } from "@/lib/unavailable";
import { handlers } from "./index";
import { checkSignInThrottle } from "./throttle";

// Auth.js's route handlers, with two additions: a 503 instead of a "signed out" answer when the database
// could not be reached (lib/db-health.ts), and a credentials sign-in refused because the account or IP
// is backing off (lib/auth/authorize.ts throws; Auth.js turns it into a redirect with code=throttled)
// answers 429 with Retry-After, as an API should, instead of a redirect to the login page.

async function emailOf(request: Request): Promise<string | null> {
  try {
    const type = request.headers.get("content-type") ?? "";
    const body: unknown = type.includes("application/json") ? await request.json() : Object.fromEntries(await request.formData());
    const email = typeof body === "object" && body !== null && "email" in body ? body.email : null;
    return typeof email === "string" ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}

function isThrottledRedirect(response: Response): boolean {
  const location = response.headers.get("location");
  if (!location) return false;
  try {
    return new URL(location, "http://localhost").searchParams.get("code") === "throttled";
  } catch {
    return false;
  }
}

/**
 * Auth.js reads a database error as "no session" (and clears the cookie) or as a failed sign-in; when the
 * database was unreachable during the call, the honest answer is 503 and the cookie is left alone.
 */
async function failingClosed(request: NextRequest, handler: (request: NextRequest) => Promise<Response>): Promise<Response> {
  const watched = await watchForOutage(() => handler(request));
  if (watched.metOutage) return unavailableResponse(request);
  if (!watched.ok) throw watched.error;
  return watched.value;
}

export const GET = (request: NextRequest) => failingClosed(request, handlers.GET);

export async function POST(request: NextRequest): Promise<Response> {
  // Auth.js reads the body; a copy is kept, and read only when the answer turns out to be "throttled".
  const copy = request.nextUrl.pathname.endsWith("/callback/credentials") ? request.clone() : null;
  const response = await failingClosed(request, handlers.POST);
  if (!copy || !isThrottledRedirect(response)) return response;
  const email = await emailOf(copy);
  if (!email) return response;
  const gate = await checkSignInThrottle({ email, ip: requestMetaFrom(request.headers).ip });
  const retryAfterSeconds = gate.allowed ? 1 : gate.retryAfterSeconds;
  return Response.json(
    { error: "throttled", message: "Too many sign-in attempts.", retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": NO_STORE } },
  );
}
