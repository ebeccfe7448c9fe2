import "server-only";
import { redirect } from "next/navigation";
import { type VerifiedSession, verifySession } from "@/lib/dal";

/** Wraps a server action so it cannot run without a verified session; signed-out callers go to /login. */
export function withSession<Args extends unknown[], Result>(
  returnTo: string,
  action: (session: VerifiedSession, ...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    const session = await verifySession();
    if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
    return action(session, ...args);
  };
}
