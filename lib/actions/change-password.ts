"use server";

import { recordActivity } from "@/lib/activity/record";
import { signOut } from "@/lib/auth";
import { currentSessionHash } from "@/lib/auth/current-token";
import { serverEndsEveryToken } from "@/lib/auth/mode";
import { endApiSignInsAfterPasswordChange, endSessionAfterPasswordFailures, revokeOtherSessions } from "@/lib/auth/sessions";
import { waitPhrase } from "@/lib/auth/throttle";
import { changePasswordSchema } from "@/lib/forms/auth";
import { changePassword as change } from "@/lib/users";
import type { ActionState } from "./state";
import { sessionFormAction } from "./with-session";

export type ChangePasswordState = ActionState<"currentPassword" | "newPassword" | "confirmPassword">;

export const changePassword = sessionFormAction(
  "/account/password",
  {
    schema: changePasswordSchema,
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    extra: (form) => ({ signOutOthers: form.get("signOutOthers") === "on" }),
  },
  async (session, { currentPassword, newPassword, signOutOthers }): Promise<ChangePasswordState> => {
    const result = await change(session.user.id, currentPassword, newPassword);
    if (!result.ok && result.reason === "throttled") {
      return {
        status: "error",
        fieldErrors: { currentPassword: [`Too many wrong passwords. Wait ${waitPhrase(result.retryAfterSeconds)}, then try again.`] },
      };
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
    await endApiSignInsAfterPasswordChange(session.user.id);
    if (!signOutOthers) return { status: "success", message: "Your password was changed." };
    if (!serverEndsEveryToken()) {
      return {
        status: "success",
        message:
          "Your password was changed. Other devices stay signed in until their tokens expire: stateless JWT sessions cannot be revoked.",
      };
    }
    const count = await revokeOtherSessions(session.user);
    if (count === null) return { status: "success", message: "Your password was changed and every other device was signed out." };
    return {
      status: "success",
      message: `Your password was changed and ${count === 1 ? "1 other session was" : `${count} other sessions were`} signed out.`,
    };
  },
);
