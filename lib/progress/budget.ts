import "server-only";
import type { JWT } from "next-auth/jwt";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { encodeSessionToken } from "@/lib/auth/jwt";
import { env } from "@/lib/env";
import { FIELD_LABELS } from "@/lib/forms/onboarding";
import type { ProgressError } from "./model";

/** The whole session cookie (`name=value`) stays under this, so it is never chunked and fits any browser. */
export const COOKIE_BUDGET_BYTES = 2000;

/** Encodes the token exactly as Auth.js will and measures the resulting cookie. */
export async function sessionCookieBytes(token: JWT): Promise<number> {
  const cookieName = sessionCookieName(usesSecureCookies(env.AUTH_URL));
  const value = await encodeSessionToken({ token, salt: cookieName, maxAge: env.AUTH_SESSION_MAX_AGE });
  return Buffer.byteLength(`${cookieName}=${value}`, "utf8");
}

/** A refusal that names the longest text answer of the step, the one worth shortening. */
export function overBudgetError(bytes: number, answers: Record<string, unknown>): ProgressError {
  const longest = Object.entries(answers)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .sort((a, b) => Buffer.byteLength(b[1]) - Buffer.byteLength(a[1]))[0];
  const over = bytes - COOKIE_BUDGET_BYTES;
  const field = longest ? (FIELD_LABELS[longest[0]] ?? longest[0]) : "your answers";
  const message = `Your answers are too long to keep in this browser's session cookie (${over.toLocaleString("en-US")} bytes over its ${COOKIE_BUDGET_BYTES.toLocaleString("en-US")}-byte budget; emoji and accented letters take more than one byte). Shorten your ${field}.`;
  return { code: "budget", message, fieldErrors: longest ? { [longest[0]]: [`Shorten your ${field} to fit.`] } : undefined };
}
