"use server";

import { revalidatePath } from "next/cache";
import { revokeSession as revoke } from "@/lib/auth/sessions";
import { withSession } from "./with-session";

export type RevokeState = { status: "idle" | "done" | "error"; message?: string };

/** Revokes one of the signed-in user's sessions; any other id changes nothing. */
export const revokeSession = withSession("/sessions", async (session, _previous: RevokeState, form: FormData): Promise<RevokeState> => {
  const id = form.get("sessionId");
  if (typeof id !== "string" || !id || id.length > 64 || !(await revoke(session.user, id))) {
    return { status: "error", message: "That session was not found. It may already have ended." };
  }
  revalidatePath("/sessions");
  return { status: "done", message: "The session was revoked. That device is signed out at its next request." };
});
