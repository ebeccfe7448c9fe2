"use server";

import { recordActivity } from "@/lib/activity/record";
import { signIn } from "@/lib/auth";
import { waitPhrase } from "@/lib/auth/throttle";
import { registerSchema } from "@/lib/forms/auth";
import { getRequestMeta } from "@/lib/request-meta";
import { EmailTakenError, registerThrottled } from "@/lib/users";
import { formAction } from "./form-input";
import type { ActionState } from "./state";

export type RegisterState = ActionState<"name" | "email" | "password" | "confirmPassword">;

// Name and email are shown again after an error so nothing typed is lost (passwords stay in the browser's
// controlled fields).
const spec = { schema: registerSchema, fields: ["name", "email", "password", "confirmPassword"], keep: ["name", "email"] } as const;

export const register = formAction(spec, async (input, values): Promise<RegisterState> => {
  try {
    const result = await registerThrottled(input, (await getRequestMeta()).ip);
    if (!result.ok) {
      return {
        status: "error",
        message: `Too many registration attempts. Wait ${waitPhrase(result.retryAfterSeconds)}, then try again.`,
        values,
      };
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
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/dashboard" });
  return { status: "success" };
});
