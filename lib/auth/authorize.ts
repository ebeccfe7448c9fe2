import "server-only";
import { CredentialsSignin } from "next-auth";
import { recordActivity } from "@/lib/activity/record";
import { loginSchema } from "@/lib/forms/auth";
import { getRequestMeta } from "@/lib/request-meta";
import { authenticate, findUserIdByEmail } from "@/lib/users";
import { releaseAttempt, reserveSignIn, waitPhrase } from "./throttle";
import type { SessionUser } from "./types";

/** Thrown from `authorize` while the account or IP is backing off; `signIn()` rethrows it to the login action. */
export class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super(`sign-in throttled for ${retryAfterSeconds} s`);
  }
}

/** What the sign-in form says while throttled; the same for every email, known or not. */
export function throttledMessage(retryAfterSeconds: number): string {
  return `Too many sign-in attempts. Wait ${waitPhrase(retryAfterSeconds)}, then try again.`;
}

/**
 * The credentials check behind every sign-in (the login form's action and a direct POST to Auth.js's
 * callback alike): validate, reserve the attempt on the account and the IP before any hashing (refused
 * while either is backing off, even with the right password), compare. A failure keeps its place in the
 * count; the right password gives back only its own. Every refusal lands in the activity trail with its
 * reason.
 */
export async function authorizeCredentials(raw: unknown): Promise<SessionUser | null> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) {
    await recordActivity({ type: "signin.failure", userId: null, detail: { reason: "invalid_input" } });
    return null;
  }
  const { email } = parsed.data;
  const reservation = await reserveSignIn({ email, ip: (await getRequestMeta()).ip });
  if (!reservation.allowed) {
    const userId = await findUserIdByEmail(email);
    await recordActivity({
      type: "signin.failure",
      userId,
      detail: { reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds, ...(userId ? {} : { email }) },
    });
    throw new ThrottledSignIn(reservation.retryAfterSeconds);
  }
  const result = await authenticate(parsed.data);
  if (result.ok) {
    await releaseAttempt(reservation);
    return result.user;
  }
  await recordActivity({
    type: "signin.failure",
    userId: result.userId,
    detail: { reason: result.reason, ...(result.userId ? {} : { email }) },
  });
  return null;
}
