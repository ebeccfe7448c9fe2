"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { watchForOutage } from "@/lib/db-health";
import { ThrottledSignIn, throttledMessage } from "@/lib/auth/authorize";
import { type FormState, loginSchema, readFields } from "@/lib/forms/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";

const fields = ["email", "password", "callbackUrl"] as const;
export type LoginState = FormState<"email" | "password">;

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const input = readFields(formData, fields);
  const values = { email: input.email };
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) {
    return { status: "error", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  const watched = await watchForOutage(() =>
    signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(input.callbackUrl),
    }),
  );
  if (!watched.ok) {
    const { error } = watched;
    if (error instanceof ThrottledSignIn) {
      return { status: "error", message: throttledMessage(error.retryAfterSeconds), values };
    }
    // The database could not be reached: nobody was signed in, and it is not the user's mistake.
    if (error instanceof AuthError && watched.metOutage) {
      return { status: "error", message: "Signing in is temporarily unavailable. Please try again in a few seconds.", values };
    }
    // Unknown email, wrong password and disabled account share one message (no enumeration).
    if (error instanceof AuthError) {
      return { status: "error", message: "That email and password do not match an account.", values };
    }
    throw error; // includes the redirect that signIn throws on success
  }
  return { status: "success" };
}
