import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivityTable } from "@/components/activity/activity-table";
import { AdminNav } from "@/components/admin/admin-nav";
import { AdminRevokeAllButton, AdminRevokeButton, DisableForm, RoleForm } from "@/components/admin/user-admin-forms";
import { ApiSignIns } from "@/components/sessions/api-sign-ins";
import { SessionRow } from "@/components/sessions/session-row";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { listActivity } from "@/lib/activity/query";
import { findUserForAdmin } from "@/lib/admin/users";
import { getModeInfo } from "@/lib/auth/mode";
import { listSessionsOf } from "@/lib/auth/sessions";
import { requireAdmin } from "@/lib/dal";
import { formatDateTime } from "@/lib/dates";

export const metadata: Metadata = { title: "User · Admin" };

export default async function AdminUserPage({ params }: PageProps<"/admin/users/[id]">) {
  const { id } = await params;
  const session = await requireAdmin(`/admin/users/${id}`);
  const user = id.length <= 64 ? await findUserForAdmin(id) : null;
  if (!user) notFound();
  const [mode, sessions, recent] = await Promise.all([
    getModeInfo(),
    listSessionsOf(user.id),
    listActivity({ page: 1, userId: user.id, type: undefined, user: undefined }),
  ]);
  const self = user.id === session.user.id;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <AdminNav current="users" />
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{user.email}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {user.name ?? "No name"} · {user.role} · {user.disabledAt ? `disabled ${formatDateTime(user.disabledAt)} UTC` : "active"} · joined{" "}
          {formatDateTime(user.createdAt)} UTC
        </p>
      </div>
      <Alert tone="info">
        <strong>{mode.label}:</strong> {mode.freshness}
      </Alert>
      <Card title="Role and access">
        <div className="space-y-6">
          <RoleForm userId={user.id} role={user.role} self={self} />
          <DisableForm userId={user.id} disabled={Boolean(user.disabledAt)} self={self} />
        </div>
      </Card>
      <Card title="Sessions">
        {mode.keepsSessions ? (
          <div className="space-y-4">
            {sessions.length ? (
              <ul className="divide-y divide-slate-100" aria-label="Their active sessions">
                {sessions.map((item) => (
                  <SessionRow
                    key={item.id}
                    session={item}
                    testId="admin-session-row"
                    action={<AdminRevokeButton userId={user.id} sessionId={item.id} device={item.device} />}
                  />
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">No active sessions.</p>
            )}
            {sessions.length ? <AdminRevokeAllButton userId={user.id} /> : null}
          </div>
        ) : mode.endsEveryToken ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">
              This server runs {mode.phrase}: it keeps no list of browser sessions, so there is none to show, and no single browser can be
              signed out alone. Signing out all their sessions bumps their token version: every device they are signed in on is refused at
              its next request, and every API sign-in ends. Disabling the account does the same.
            </p>
            <AdminRevokeAllButton userId={user.id} />
          </div>
        ) : (
          <p className="text-sm text-slate-600">
            This server runs {mode.phrase}: the server keeps no list of browser sessions, so there is nothing to show or revoke. Disabling
            the account refuses new sign-ins and ends every API sign-in; existing browser tokens end at their first use once
            AUTH_SESSION_UPDATE_AGE has passed since their last check, or at expiry.
          </p>
        )}
      </Card>
      {mode.keepsSessions ? null : (
        <ApiSignIns
          sessions={sessions}
          whose="their"
          testId="admin-api-session-row"
          action={(item) => <AdminRevokeButton userId={user.id} sessionId={item.id} device={item.device} />}
        />
      )}
      <Card
        title="Recent activity"
        description={
          <Link className="text-indigo-700 hover:underline" href={`/admin/activity?user=${encodeURIComponent(user.email)}`}>
            See all of this user&apos;s activity
          </Link>
        }
      >
        <ActivityTable rows={recent.rows.slice(0, 10)} />
      </Card>
    </div>
  );
}
