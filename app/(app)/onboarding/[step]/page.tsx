import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AnswersSummary } from "@/components/onboarding/answers-summary";
import { PreferencesForm } from "@/components/onboarding/preferences-form";
import { ProfileForm } from "@/components/onboarding/profile-form";
import { ReviewActions } from "@/components/onboarding/review-actions";
import { Stepper } from "@/components/onboarding/stepper";
import { WorkspaceForm } from "@/components/onboarding/workspace-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { saveOnboardingStep } from "@/lib/actions/save-onboarding-step";
import { requireSession } from "@/lib/dal";
import { isStepId, stepIndex, STEPS, timeZones } from "@/lib/forms/onboarding";
import { getProgressStore } from "@/lib/progress";
import { canOpenStep, completedCount, firstIncompleteStep } from "@/lib/progress/model";

export const metadata: Metadata = { title: "Set up your workspace" };

export default async function OnboardingStepPage({ params, searchParams }: PageProps<"/onboarding/[step]">) {
  const [{ step }, query] = await Promise.all([params, searchParams]);
  if (!isStepId(step)) notFound();
  const session = await requireSession(`/onboarding/${step}`);
  const store = getProgressStore();
  const progress = await store.load(session.user);
  const reachable = firstIncompleteStep(progress);
  // The server decides which step may open: skipping ahead by URL lands on the first incomplete one.
  if (!canOpenStep(progress, step)) redirect(`/onboarding/${reachable}`);

  const meta = STEPS[stepIndex(step)];
  const version = progress?.version ?? 0;
  const saved: Record<string, unknown> = (step === "review" ? undefined : progress?.answers[step]) ?? {};
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Set up your workspace</h1>
        <p className="mt-1 text-sm text-slate-600">
          <strong className="font-semibold text-slate-800">{store.where.title}.</strong> {store.where.detail}
        </p>
      </div>
      <Stepper current={step} completed={completedCount(progress)} reachable={reachable} />
      {query.incomplete ? <Alert tone="error">Complete this step before submitting.</Alert> : null}
      <Card title={meta?.title} description={meta?.description}>
        {step === "profile" ? (
          <ProfileForm action={saveOnboardingStep.bind(null, "profile")} version={version} saved={saved} timeZones={timeZones()} />
        ) : step === "workspace" ? (
          <WorkspaceForm action={saveOnboardingStep.bind(null, "workspace")} version={version} saved={saved} />
        ) : step === "preferences" ? (
          <PreferencesForm action={saveOnboardingStep.bind(null, "preferences")} version={version} saved={saved} />
        ) : (
          <div className="space-y-6">
            <AnswersSummary answers={progress?.answers ?? {}} editable />
            <ReviewActions />
          </div>
        )}
      </Card>
    </div>
  );
}
