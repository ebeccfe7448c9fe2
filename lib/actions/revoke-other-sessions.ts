"use server";

import { revalidatePath } from "next/cache";
import { revokeOtherSessions as revokeOthers } from "@/lib/auth/sessions";
import type { RevokeState } from "./revoke-session";
import { withSession } from "./with-session";

/** Signs out every other device of the signed-in user, keeping this one. */
export const revokeOtherSessions = withSession("/sessions", async (session, _previous: RevokeState): Promise<RevokeState> => {
  const count = await revokeOthers(session.user);
  revalidatePath("/sessions");
  return { status: "done", message: count === 1 ? "1 other session was signed out." : `${count} other sessions were signed out.` };
});
