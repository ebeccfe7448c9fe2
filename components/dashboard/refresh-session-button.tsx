import { SubmitButton } from "@/components/ui/submit-button";
import { refreshSession } from "@/lib/actions/refresh-session";

/** jwt modes: re-issue the token now, so the server's current view of the account reaches this browser. */
export function RefreshSessionButton() {
  return (
    <form action={refreshSession}>
      <SubmitButton pendingLabel="Re-issuing…" variant="secondary">
        Re-issue my session token
      </SubmitButton>
    </form>
  );
}
