"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { redeemSetupCode, type SetupCodeState } from "@/lib/actions/redeem-setup-code";

const initialState: SetupCodeState = { status: "idle" };

export function SetupCodeForm() {
  const [state, formAction] = useActionState(redeemSetupCode, initialState);
  return (
    <form action={formAction} noValidate className="space-y-5">
      <TextField
        name="code"
        label="Setup code"
        autoComplete="off"
        spellCheck={false}
        required
        hint="20 letters and digits from the server log, like ABCDE-FGHIJ-KLMNO-PQRS7."
        errors={state.fieldErrors?.code}
      />
      <SubmitButton pendingLabel="Checking…">Become the admin</SubmitButton>
    </form>
  );
}
