"use server";

import { z } from "zod";
import { signIn } from "@/lib/auth";
import { type FormState, readFields, registerSchema } from "@/lib/forms/auth";
import { recordActivity } from "@/lib/activity/record";
import { waitPhrase } from "@/lib/auth/throttle";
import { getRequestMeta } from "@/lib/request-meta";
import { EmailTakenError, registerThrottled } from "@/lib/users";

const fields = ["name", "email", "password", "confirmPassword"] as const;
export type RegisterState = FormState<(typeof fields)[number]>;

export async function register(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const input = readFields(formData, fields);
  // Re-shown after an error so nothing typed is lost (passwords stay in the browser's controlled fields).
  const values = { name: input.name, email: input.email };
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) {
    return { status: "error", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  try {
    const result = await registerThrottled(parsed.data, (await getRequestMeta()).ip);
    if (!result.ok) {
      return { status: "error", message: `Too many registration attempts. Wait ${waitPhrase(result.retryAfterSeconds)}, then try again.`, values };
    }
    await recordActivity({ type: "user.registered", userId: result.user.id, detail: { role: result.user.role } });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return {
        status: "error",
        fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] },
        values,
      };
    }
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/dashboard" });
  return { status: "success" };
}
