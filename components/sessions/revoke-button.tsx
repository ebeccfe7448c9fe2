"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/state";

/** One session's Revoke button: the user's own list and the admin's view of someone else's. */
export function RevokeButton({
  action,
  fields,
  device,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  device: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="flex flex-col items-end gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton pendingLabel="Revoking…" variant="secondary">
        <span>
          Revoke<span className="sr-only"> {device}</span>
        </span>
      </SubmitButton>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}
