"use server";

import { signOut } from "@/lib/auth";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { withSession } from "./with-session";

/** Ends every session of the signed-in user, this one included. */
export const signOutEverywhere = withSession("/sessions", async (session): Promise<void> => {
  await revokeAllSessions(session.user);
  await signOut({ redirectTo: "/login?signedOut=1" });
});
