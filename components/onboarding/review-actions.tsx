"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { startOnboardingOver } from "@/lib/actions/start-onboarding-over";
import { IDLE } from "@/lib/actions/state";
import { submitOnboarding } from "@/lib/actions/submit-onboarding";

export function ReviewActions() {
  const [state, submitAction] = useActionState(submitOnboarding, IDLE);
  return (
    <div className="space-y-4 border-t border-slate-200 pt-5">
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <form action={startOnboardingOver}>
          <SubmitButton pendingLabel="Clearing…" variant="secondary">
            Start over
          </SubmitButton>
        </form>
        <form action={submitAction}>
          <SubmitButton pendingLabel="Submitting…">Submit</SubmitButton>
        </form>
      </div>
    </div>
  );
}
