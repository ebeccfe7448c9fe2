"use server";

import { revalidatePath } from "next/cache";
import { revokeOtherSessions as revokeOthers } from "@/lib/auth/sessions";
import type { ActionState } from "./state";
import { withSession } from "./with-session";

/** Signs out every other device of the signed-in user, keeping this one. */
export const revokeOtherSessions = withSession("/sessions", async (session, _previous: ActionState): Promise<ActionState> => {
  const count = await revokeOthers(session.user);
  revalidatePath("/sessions");
  if (count === null) return { status: "success", message: "Every other device was signed out." };
  return { status: "success", message: count === 1 ? "1 other session was signed out." : `${count} other sessions were signed out.` };
});
