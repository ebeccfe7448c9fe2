import "server-only";
import { notFound } from "next/navigation";
import { isCurrentAdmin } from "@/lib/auth/admin";
import type { VerifiedSession } from "@/lib/dal";
import { withSession } from "./with-session";

/**
 * Wraps an admin server action: signed-out callers go to /login (withSession), signed-in non-admins
 * get the same 404 as the admin pages, and the action never runs for either.
 */
export function withAdmin<Args extends unknown[], Result>(
  returnTo: string,
  action: (session: VerifiedSession, ...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return withSession(returnTo, async (session, ...args: Args) => {
    if (!(await isCurrentAdmin(session.user))) notFound();
    return action(session, ...args);
  });
}
