"use client";

import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { StepFormState } from "@/lib/forms/onboarding-state";

type StepAction = (state: StepFormState, form: FormData) => Promise<StepFormState>;

/** What each step's form receives from its page. */
export type StepFormProps = { action: StepAction; version: number; saved: Record<string, unknown> };

/**
 * The frame every answer step shares: the action state, the version the save is based on, errors,
 * Back and Next. `fields` renders the step's controls from the values to show.
 */
export function StepForm({
  action,
  version,
  backHref,
  saved,
  fields,
}: {
  action: StepAction;
  version: number;
  backHref: string | null;
  saved: Record<string, unknown>;
  fields: (values: Record<string, unknown>, errors: Partial<Record<string, string[]>>) => ReactNode;
}) {
  const [state, formAction] = useActionState(action, { status: "idle", version, attempt: 0 });
  const values = state.values ?? saved;
  return (
    <form action={formAction} noValidate className="space-y-6">
      <input type="hidden" name="version" value={state.version} />
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {/* Re-mounted after each answered submission so the controls show what the server returned. */}
      <div key={state.attempt} className="space-y-5">
        {fields(values, state.fieldErrors ?? {})}
      </div>
      <div className="flex items-center justify-between gap-3 border-t border-slate-200 pt-5">
        {backHref ? (
          <Link href={backHref} className="rounded-lg px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100">
            ← Back
          </Link>
        ) : (
          <span />
        )}
        <SubmitButton pendingLabel="Saving…">Save and continue →</SubmitButton>
      </div>
    </form>
  );
}

export function asText(value: unknown): string {
  return typeof value === "string" ? value : "";
}
