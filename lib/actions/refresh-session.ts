"use server";

import { revalidatePath } from "next/cache";
import { update } from "@/lib/auth";
import { withSession } from "./with-session";

/**
 * Re-issues this browser's session token now (jwt modes), instead of waiting for AUTH_SESSION_UPDATE_AGE.
 * In stateless mode that is when a role change or a disabled account reaches the browser; a disabled
 * account is signed out.
 */
export const refreshSession = withSession("/dashboard", async (): Promise<void> => {
  await update({});
  revalidatePath("/dashboard");
});
