import type { Metadata } from "next";
import { SessionCookiePanel } from "@/components/dashboard/session-cookie-panel";
import { Card } from "@/components/ui/card";
import { getModeInfo } from "@/lib/auth/mode";
import { getSessionCookieInfo, requireSession } from "@/lib/dal";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireSession("/dashboard");
  const [mode, cookie] = await Promise.all([getModeInfo(), getSessionCookieInfo(session)]);
  const { user } = session;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Welcome, {user.name ?? user.email}</h1>
        <p className="mt-1 text-slate-600">You are signed in with {mode.label.toLowerCase()}.</p>
      </div>
      <Card title="Who you are">
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Name</dt>
            <dd className="mt-1 break-words" data-testid="user-name">{user.name}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Email</dt>
            <dd className="mt-1 break-all" data-testid="user-email">{user.email}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Role</dt>
            <dd className="mt-1" data-testid="user-role">{user.role === "ADMIN" ? "Administrator" : "User"}</dd>
          </div>
        </dl>
      </Card>
      <SessionCookiePanel cookie={cookie} explanation={mode.summary} />
    </div>
  );
}
