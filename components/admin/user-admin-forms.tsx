"use client";

import { useActionState } from "react";
import { RevokeButton } from "@/components/sessions/revoke-button";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { changeUserRole, revokeAllUserSessions, revokeUserSession, setUserDisabled } from "@/lib/actions/admin-users";
import { IDLE, type ActionState } from "@/lib/actions/state";

function Outcome({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return <Alert tone={state.status === "error" ? "error" : "success"}>{state.message}</Alert>;
}

export function RoleForm({ userId, role, self }: { userId: string; role: "USER" | "ADMIN"; self: boolean }) {
  const [state, action] = useActionState(changeUserRole, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Role
          <select
            name="role"
            defaultValue={role}
            disabled={self}
            className="rounded-lg border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
          >
            <option value="USER">USER</option>
            <option value="ADMIN">ADMIN</option>
          </select>
        </label>
        {self ? (
          <p className="text-sm text-slate-600">You cannot change your own role.</p>
        ) : (
          <SubmitButton pendingLabel="Saving…">Save role</SubmitButton>
        )}
      </div>
      <Outcome state={state} />
    </form>
  );
}

export function DisableForm({ userId, disabled, self }: { userId: string; disabled: boolean; self: boolean }) {
  const [state, action] = useActionState(setUserDisabled, IDLE);
  if (self) return <p className="text-sm text-slate-600">You cannot disable your own account.</p>;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton pendingLabel="Saving…" variant={disabled ? "primary" : "secondary"}>
        {disabled ? "Enable account" : "Disable account"}
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}

export function AdminRevokeButton({ userId, sessionId, device }: { userId: string; sessionId: string; device: string }) {
  return <RevokeButton action={revokeUserSession} fields={{ userId, sessionId }} device={device} />;
}

export function AdminRevokeAllButton({ userId }: { userId: string }) {
  const [state, action] = useActionState(revokeAllUserSessions, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton pendingLabel="Signing out…" variant="secondary">
        Sign out all their sessions
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}
