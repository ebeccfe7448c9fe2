"use server";

import { z } from "zod";
import { signOut } from "@/lib/auth";
import { recordActivity } from "@/lib/activity/record";
import { currentSessionHash } from "@/lib/auth/current-token";
import { serverKeepsSessions } from "@/lib/auth/mode";
import { endSessionAfterPasswordFailures, revokeOtherSessions } from "@/lib/auth/sessions";
import { waitPhrase } from "@/lib/auth/throttle";
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
    const result = await change(session.user.id, currentPassword, newPassword);
    if (!result.ok && result.reason === "throttled") {
      return { status: "error", fieldErrors: { currentPassword: [`Too many wrong passwords. Wait ${waitPhrase(result.retryAfterSeconds)}, then try again.`] } };
    }
    if (!result.ok) {
      if (result.attemptsLeft === 0) {
        // Whoever holds this session does not know the password: the session ends here.
        await endSessionAfterPasswordFailures(session.user.id, await currentSessionHash());
        await signOut({ redirectTo: "/login?signedOut=password" });
      }
      const warning = result.attemptsLeft === 1 ? " One more wrong password and you will be signed out." : "";
      return { status: "error", fieldErrors: { currentPassword: [`That is not your current password.${warning}`] } };
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
