"use server";

import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { serverKeepsSessions } from "@/lib/auth/mode";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { changePasswordSchema, type FormState, readFields } from "@/lib/forms/auth";
import { changePassword as change } from "@/lib/users";
import { withSession } from "./with-session";

const fields = ["currentPassword", "newPassword", "confirmPassword"] as const;
export type ChangePasswordState = FormState<(typeof fields)[number] | "signOutOthers">;

export const changePassword = withSession(
  "/account/password",
  async (session, _previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> => {
    const input = { ...readFields(form, fields), signOutOthers: form.get("signOutOthers") === "on" };
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) return { status: "error", fieldErrors: z.flattenError(parsed.error).fieldErrors };
    const { currentPassword, newPassword, signOutOthers } = parsed.data;
    if (!(await change(session.user.id, currentPassword, newPassword))) {
      return { status: "error", fieldErrors: { currentPassword: ["That is not your current password."] } };
    }
    await recordActivity({ type: "password.changed", userId: session.user.id, session: "current", detail: { signOutOthers } });
    if (!signOutOthers) return { status: "success", message: "Your password was changed." };
    if (!serverKeepsSessions()) {
      return {
        status: "success",
        message:
          "Your password was changed. Other devices stay signed in until their tokens expire: stateless JWT sessions cannot be revoked.",
      };
    }
    const count = await revokeOtherSessions(session.user);
    return {
      status: "success",
      message: `Your password was changed and ${count === 1 ? "1 other session was" : `${count} other sessions were`} signed out.`,
    };
  },
);
