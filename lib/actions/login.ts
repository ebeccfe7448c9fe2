"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
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
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(input.callbackUrl),
    });
  } catch (error) {
    // Unknown email, wrong password and disabled account share one message (no enumeration).
    if (error instanceof AuthError) {
      return { status: "error", message: "That email and password do not match an account.", values };
    }
    throw error; // includes the redirect that signIn throws on success
  }
  return { status: "success" };
}
