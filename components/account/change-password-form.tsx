"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { changePassword, type ChangePasswordState } from "@/lib/actions/change-password";
import { PASSWORD_MIN_LENGTH } from "@/lib/forms/auth";

const initialState: ChangePasswordState = { status: "idle" };

export function ChangePasswordForm({ canSignOutOthers }: { canSignOutOthers: boolean }) {
  const [state, formAction] = useActionState(changePassword, initialState);
  // Controlled so that React's reset after the action does not wipe what was typed.
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const errors = state.fieldErrors;
  return (
    <form action={formAction} noValidate className="space-y-5">
      {state.status === "success" && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <TextField
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        errors={errors?.currentPassword}
      />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        errors={errors?.newPassword}
      />
      <TextField
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        errors={errors?.confirmPassword}
      />
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="signOutOthers"
          checked={signOutOthers}
          onChange={(e) => setSignOutOthers(e.target.checked)}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <span>
          <span className="font-medium text-slate-800">Sign out my other sessions</span>
          <span className="block text-slate-500">
            {canSignOutOthers
              ? "Every other device will have to sign in again with the new password."
              : "Not possible with stateless JWT sessions: other devices stay signed in until their tokens expire."}
          </span>
        </span>
      </label>
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
