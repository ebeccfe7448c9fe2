"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeRole, disableSchema, roleChangeSchema, setDisabled } from "@/lib/admin/users";
import { revokeAllSessionsOf, revokeSessionOf } from "@/lib/auth/sessions";
import type { ActionState } from "./state";
import { adminFormAction } from "./with-admin";

// Every field of these forms is a hidden input: input that does not parse was forged or is stale.
const INVALID = "That request was not understood. Reload the page and try again.";
const id = z.string().min(1).max(64);

function done(userId: string, message: string): ActionState {
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
  return { status: "success", message };
}

export const changeUserRole = adminFormAction(
  "/admin/users",
  { schema: roleChangeSchema, fields: ["userId", "role"], invalid: INVALID },
  async (session, { userId, role }) => {
    const result = await changeRole(session.user, userId, role);
    return result.ok ? done(userId, result.message) : { status: "error", message: result.message };
  },
);

export const setUserDisabled = adminFormAction(
  "/admin/users",
  { schema: disableSchema, fields: ["userId", "disabled"], invalid: INVALID },
  async (session, { userId, disabled }) => {
    const result = await setDisabled(session.user, userId, disabled);
    return result.ok ? done(userId, result.message) : { status: "error", message: result.message };
  },
);

export const revokeUserSession = adminFormAction(
  "/admin/users",
  { schema: z.object({ userId: id, sessionId: id }), fields: ["userId", "sessionId"], invalid: INVALID },
  async (session, { userId, sessionId }) => {
    if (!(await revokeSessionOf(userId, sessionId, session.user.id))) {
      return { status: "error", message: "That session was not found. It may already have ended." };
    }
    return done(userId, "The session was revoked. That device is signed out at its next request.");
  },
);

export const revokeAllUserSessions = adminFormAction(
  "/admin/users",
  { schema: z.object({ userId: id }), fields: ["userId"], invalid: INVALID },
  async (session, { userId }) => {
    const count = await revokeAllSessionsOf(userId, session.user.id);
    if (count === null) return done(userId, "Every session was signed out: each device is refused at its next request.");
    return done(userId, count === 1 ? "1 session was signed out." : `${count} sessions were signed out.`);
  },
);
