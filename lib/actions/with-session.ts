import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { verifySession, type VerifiedSession } from "@/lib/dal";
import { parseSubmission, type InputSpec } from "./form-input";
import type { ActionState, FormAction } from "./state";

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

/** A signed-in form action that validates its input first (see formAction in ./state). */
export function sessionFormAction<Schema extends z.ZodType, Field extends string>(
  returnTo: string,
  spec: InputSpec<Schema, Field>,
  handler: (session: VerifiedSession, input: z.output<Schema>) => Promise<ActionState<Field>>,
): FormAction<Field> {
  return withSession(returnTo, async (session, _previous: ActionState<Field>, form: FormData) => {
    const parsed = parseSubmission(spec, form);
    return parsed.ok ? handler(session, parsed.input) : parsed.state;
  });
}
