import "server-only";
import { notFound } from "next/navigation";
import type { z } from "zod";
import { isCurrentAdmin } from "@/lib/auth/admin";
import type { VerifiedSession } from "@/lib/dal";
import { parseSubmission, type InputSpec } from "./form-input";
import type { ActionState, FormAction } from "./state";
import { withSession } from "./with-session";

/**
 * An admin form action: signed-out callers go to /login (withSession), signed-in non-admins get the same
 * 404 as the admin pages, and the handler never runs for either, nor for input that does not parse.
 */
export function adminFormAction<Schema extends z.ZodType, Field extends string>(
  returnTo: string,
  spec: InputSpec<Schema, Field>,
  handler: (session: VerifiedSession, input: z.output<Schema>) => Promise<ActionState<Field>>,
): FormAction<Field> {
  return withSession(returnTo, async (session, _previous: ActionState<Field>, form: FormData) => {
    if (!(await isCurrentAdmin(session.user))) notFound();
    const parsed = parseSubmission(spec, form);
    return parsed.ok ? handler(session, parsed.input) : parsed.state;
  });
}
