import "server-only";
import { notFound, redirect } from "next/navigation";
import { isCurrentAdmin } from "@/lib/auth/admin";
import { type VerifiedSession, verifySession } from "@/lib/dal";

/**
 * Wraps an admin server action: signed-out callers go to /login, signed-in non-admins get the same 404
 * as the admin pages, and the action never runs for either.
 */
export function withAdmin<Args extends unknown[], Result>(
  returnTo: string,
  action: (session: VerifiedSession, ...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    const session = await verifySession();
    if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
    if (!(await isCurrentAdmin(session.user))) notFound();
    return action(session, ...args);
  };
}
