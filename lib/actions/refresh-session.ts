"use server";

import { redirect } from "next/navigation";
import { update } from "@/lib/auth";
import { withSession } from "./with-session";

/**
 * Re-issues this browser's session token now (jwt modes), instead of waiting for AUTH_SESSION_UPDATE_AGE.
 * In stateless mode that is when a role change or a disabled account reaches the browser; a disabled
 * account is signed out.
 */
export const refreshSession = withSession("/dashboard", async (): Promise<void> => {
  const session = await update({});
  // No session back: the account was disabled or removed, and Auth.js has cleared the cookie.
  if (!session) redirect("/login?callbackUrl=%2Fdashboard");
  // A redirect, not a re-render of this request: auth() reads the request's Cookie header, which still
  // carries the old token; Next.js forwards the new cookie to the redirect target.
  redirect("/dashboard");
});
