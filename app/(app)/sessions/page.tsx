import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ApiSignIns } from "@/components/sessions/api-sign-ins";
import { BulkSessionActions, RevokeSessionButton } from "@/components/sessions/session-actions";
import { SessionRow } from "@/components/sessions/session-row";
import { Card } from "@/components/ui/card";
import { getModeInfo, serverKeepsSessions } from "@/lib/auth/mode";
import { listSessions } from "@/lib/auth/sessions";
import { requireSession } from "@/lib/dal";

export const metadata: Metadata = { title: "Your sessions" };

export default async function SessionsPage() {
  const session = await requireSession("/sessions");
  const [mode, sessions] = await Promise.all([getModeInfo(), listSessions(session.user)]);
  if (!serverKeepsSessions()) {
    const api = (
      <ApiSignIns
        sessions={sessions}
        whose="your"
        testId="api-session-row"
        action={(item) => <RevokeSessionButton sessionId={item.id} device={item.device} />}
      />
    );
    return mode.endsEveryToken ? (
      <NoList api={api} actions={<BulkSessionActions others={null} />}>
        <p>
          This server runs <strong>{mode.phrase}</strong> (<code>AUTH_JWT_REVOCATION=version</code>). Every token carries your
          account&apos;s token version, and every request checks it against your account. The server keeps no record of each sign-in, so it
          cannot list your devices, nor sign out one other device alone.
        </p>
        <p>
          Signing out clears this browser&apos;s cookie only: a copy of its token keeps working until it expires, or until you sign out
          everywhere. <strong>Sign out all other sessions</strong> ends every other device&apos;s token at once and gives this browser a new
          one; <strong>Sign out everywhere</strong> ends them all, this one included. Changing your password can sign out your other devices
          the same way.
        </p>
      </NoList>
    ) : (
      <NoList api={api}>
        <p>
          This server runs <strong>{mode.phrase}</strong> (<code>AUTH_JWT_REVOCATION=off</code>). Each session lives entirely inside its
          browser&apos;s encrypted cookie and the server keeps no record of it, so there is nothing to list and nothing to revoke.
        </p>
        <p>
          Signing out clears this browser&apos;s cookie only. A copy of the token — stolen, or left on another device — keeps working until
          it expires. Run with <code>AUTH_JWT_REVOCATION=sid</code> to check every request against a session registry instead.
        </p>
      </NoList>
    );
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Your sessions</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every device signed in to your account. Revoking one signs it out at its next request.
        </p>
      </div>
      <Card>
        <ul className="divide-y divide-slate-100" aria-label="Active sessions">
          {sessions.map((item) => (
            <SessionRow
              key={item.id}
              session={item}
              testId="session-row"
              action={item.current ? null : <RevokeSessionButton sessionId={item.id} device={item.device} />}
            />
          ))}
        </ul>
      </Card>
      <BulkSessionActions others={sessions.filter((item) => !item.current).length} />
    </div>
  );
}

/** The page in the modes whose server keeps no record per sign-in: why there is no list, and what can still be done. */
function NoList({ children, api, actions }: { children: ReactNode; api: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Your sessions</h1>
      <Card title="There is no list to show">
        <div className="space-y-3 text-sm text-slate-700">{children}</div>
      </Card>
      {api}
      {actions}
    </div>
  );
}
