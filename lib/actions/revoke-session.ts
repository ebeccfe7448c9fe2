"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeSession as revoke } from "@/lib/auth/sessions";
import { sessionFormAction } from "./with-session";

const NOT_FOUND = "That session was not found. It may already have ended.";

/** Revokes one of the signed-in user's sessions; any other id changes nothing. */
export const revokeSession = sessionFormAction(
  "/sessions",
  { schema: z.object({ sessionId: z.string().min(1).max(64) }), fields: ["sessionId"], invalid: NOT_FOUND },
  async (session, { sessionId }) => {
    if (!(await revoke(session.user, sessionId))) return { status: "error", message: NOT_FOUND };
    revalidatePath("/sessions");
    return { status: "success", message: "The session was revoked. That device is signed out at its next request." };
  },
);
