"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { register, type RegisterState } from "@/lib/actions/register";
import { PASSWORD_MIN_LENGTH } from "@/lib/forms/auth";

const initialState: RegisterState = { status: "idle" };

export function RegisterForm() {
  const [state, formAction] = useActionState(register, initialState);
  // Controlled so that React's reset after the action does not wipe what the user typed.
  const [password, setPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const errors = state.fieldErrors;
  // Re-mount the echoed fields whenever the server sends values back.
  const echo = `${state.values?.name ?? ""}|${state.values?.email ?? ""}`;
  return (
    <form action={formAction} noValidate className="space-y-5">
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {errors ? (
        <p className="sr-only" role="alert">
          Please correct the highlighted fields.
        </p>
      ) : null}
      <TextField
        key={`name-${echo}`}
        name="name"
        label="Name"
        autoComplete="name"
        required
        defaultValue={state.values?.name}
        errors={errors?.name}
      />
      <TextField
        key={`email-${echo}`}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={errors?.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Long passphrases are welcome.`}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={errors?.password}
      />
      <TextField
        name="confirmPassword"
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        required
        value={confirmPassword}
        onChange={(event) => setConfirmPassword(event.target.value)}
        errors={errors?.confirmPassword}
      />
      <SubmitButton pendingLabel="Creating account…" fullWidth>
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
    </form>
  );
}
