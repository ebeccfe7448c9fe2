import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/dates";

export type SessionRowData = { device: string; createdAt: Date; lastSeenAt: Date; ip: string | null; current?: boolean };

/** One signed-in device, as `/sessions` and the admin user page list them; `action` is its revoke button. */
export function SessionRow({ session, action, testId }: { session: SessionRowData; action: ReactNode; testId: string }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-4 py-4 first:pt-0 last:pb-0" data-testid={testId}>
      <div className="min-w-0 space-y-1">
        <p className="font-medium text-slate-900">
          {session.device}
          {session.current ? (
            <span className="ml-2 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-semibold text-indigo-700 ring-1 ring-indigo-200 ring-inset">
              This device
            </span>
          ) : null}
        </p>
        <p className="text-sm text-slate-600">
          Signed in {formatDateTime(session.createdAt)} UTC · last active {formatDateTime(session.lastSeenAt)} UTC
        </p>
        <p className="text-sm text-slate-500">IP address {session.ip ?? "unknown"}</p>
      </div>
      {action}
    </li>
  );
}
