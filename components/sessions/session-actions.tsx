"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { revokeOtherSessions } from "@/lib/actions/revoke-other-sessions";
import { revokeSession } from "@/lib/actions/revoke-session";
import { signOutEverywhere } from "@/lib/actions/sign-out-everywhere";
import { IDLE } from "@/lib/actions/state";
import { RevokeButton } from "./revoke-button";

export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  return <RevokeButton action={revokeSession} fields={{ sessionId }} device={device} />;
}

/** `others`: how many other sessions there are; null when the server cannot count them (a token version, no list). */
export function BulkSessionActions({ others }: { others: number | null }) {
  const [state, action] = useActionState(revokeOtherSessions, IDLE);
  return (
    <div className="space-y-3">
      {state.message ? <Alert tone={state.status === "error" ? "error" : "success"}>{state.message}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        {others === null || others > 0 ? (
          <form action={action}>
            <SubmitButton pendingLabel="Signing out…" variant="secondary">
              Sign out all other sessions
            </SubmitButton>
          </form>
        ) : null}
        <form action={signOutEverywhere}>
          <SubmitButton pendingLabel="Signing out…">Sign out everywhere</SubmitButton>
        </form>
      </div>
    </div>
  );
}
