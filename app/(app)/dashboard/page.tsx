import type { Metadata } from "next";
import Link from "next/link";
import { RefreshSessionButton } from "@/components/dashboard/refresh-session-button";
import { SessionCookiePanel } from "@/components/dashboard/session-cookie-panel";
import { Card } from "@/components/ui/card";
import { getModeInfo } from "@/lib/auth/mode";
import { getSessionCookieInfo, requireSession } from "@/lib/dal";
import { stepIndex, STEPS } from "@/lib/forms/onboarding";
import { latestSubmission } from "@/lib/onboarding/service";
import { getProgressStore } from "@/lib/progress";
import { firstIncompleteStep } from "@/lib/progress/model";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireSession("/dashboard");
  const store = getProgressStore();
  const [mode, cookie, progress, submitted] = await Promise.all([
    getModeInfo(),
    getSessionCookieInfo(session),
    store.load(session.user),
    latestSubmission(session.user),
  ]);
  const { user } = session;
  const nextStep = firstIncompleteStep(progress);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Welcome, {user.name ?? user.email}</h1>
        <p className="mt-1 text-slate-600">You are signed in with {mode.phrase}.</p>
      </div>
      <Card title="Who you are">
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Name</dt>
            <dd className="mt-1 break-words" data-testid="user-name">
              {user.name}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Email</dt>
            <dd className="mt-1 break-all" data-testid="user-email">
              {user.email}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Role</dt>
            <dd className="mt-1" data-testid="user-role">
              {user.role === "ADMIN" ? "Administrator" : "User"}
            </dd>
          </div>
        </dl>
        <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4 text-sm text-slate-600">
          <p className="max-w-2xl" data-testid="role-freshness">
            {mode.freshness}
          </p>
          {mode.reissuable ? <RefreshSessionButton /> : null}
        </div>
      </Card>
      <Card title="Onboarding" description={`${store.where.title}. ${store.where.detail}`}>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p data-testid="onboarding-progress" className="font-medium">
            {progress
              ? `Step ${stepIndex(nextStep) + 1} of ${STEPS.length}`
              : submitted
                ? `Submitted: ${submitted.answers.workspace.workspaceName}`
                : "Not started"}
          </p>
          <Link
            href={submitted && !progress ? "/onboarding/done" : "/onboarding"}
            className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
          >
            {progress ? "Continue setup" : submitted ? "View submission" : "Set up your workspace"}
          </Link>
        </div>
      </Card>
      <SessionCookiePanel cookie={cookie} explanation={mode.summary} />
    </div>
  );
}
