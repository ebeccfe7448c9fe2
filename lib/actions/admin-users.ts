"use server";

import { revalidatePath } from "next/cache";
import { changeRole, disableSchema, roleChangeSchema, setDisabled } from "@/lib/admin/users";
import { revokeAllSessionsOf, revokeSessionOf } from "@/lib/auth/sessions";
import type { RevokeState } from "./revoke-session";
import { withAdmin } from "./with-admin";

/** The same shape as the user's own revoke actions, so both share the Revoke button. */
export type AdminActionState = RevokeState;

const INVALID: AdminActionState = { status: "error", message: "That request was not understood. Reload the page and try again." };

function done(userId: string, message: string): AdminActionState {
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
  return { status: "done", message };
}

export const changeUserRole = withAdmin("/admin/users", async (session, _previous: AdminActionState, form: FormData): Promise<AdminActionState> => {
  const parsed = roleChangeSchema.safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) return INVALID;
  const result = await changeRole(session.user, parsed.data.userId, parsed.data.role);
  return result.ok ? done(parsed.data.userId, result.message) : { status: "error", message: result.message };
});

export const setUserDisabled = withAdmin("/admin/users", async (session, _previous: AdminActionState, form: FormData): Promise<AdminActionState> => {
  const parsed = disableSchema.safeParse({ userId: form.get("userId"), disabled: form.get("disabled") });
  if (!parsed.success) return INVALID;
  const result = await setDisabled(session.user, parsed.data.userId, parsed.data.disabled);
  return result.ok ? done(parsed.data.userId, result.message) : { status: "error", message: result.message };
});

export const revokeUserSession = withAdmin("/admin/users", async (session, _previous: AdminActionState, form: FormData): Promise<AdminActionState> => {
  const userId = form.get("userId");
  const sessionId = form.get("sessionId");
  if (typeof userId !== "string" || typeof sessionId !== "string" || !userId || !sessionId || userId.length > 64 || sessionId.length > 64) return INVALID;
  if (!(await revokeSessionOf(userId, sessionId, session.user.id))) {
    return { status: "error", message: "That session was not found. It may already have ended." };
  }
  return done(userId, "The session was revoked. That device is signed out at its next request.");
});

export const revokeAllUserSessions = withAdmin("/admin/users", async (session, _previous: AdminActionState, form: FormData): Promise<AdminActionState> => {
  const userId = form.get("userId");
  if (typeof userId !== "string" || !userId || userId.length > 64) return INVALID;
  const count = await revokeAllSessionsOf(userId, session.user.id);
  return done(userId, count === 1 ? "1 session was signed out." : `${count} sessions were signed out.`);
});
