"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { throttledMessage, ThrottledSignIn } from "@/lib/auth/authorize";
import { watchForOutage } from "@/lib/db-health";
import { loginSchema } from "@/lib/forms/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { formAction } from "./form-input";
import type { ActionState } from "./state";

export type LoginState = ActionState<"email" | "password" | "callbackUrl">;

// The callback address is checked where it is used (safeCallbackPath), so anything unsafe reads as "/dashboard".
const schema = loginSchema.extend({ callbackUrl: z.string() });

export const login = formAction(
  { schema, fields: ["email", "password", "callbackUrl"], keep: ["email"] },
  async (input, values): Promise<LoginState> => {
    const watched = await watchForOutage(() =>
      signIn("credentials", { email: input.email, password: input.password, redirectTo: safeCallbackPath(input.callbackUrl) }),
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
  },
);
