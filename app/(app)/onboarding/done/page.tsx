import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AnswersSummary } from "@/components/onboarding/answers-summary";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireSession } from "@/lib/dal";
import { formatDateTime } from "@/lib/dates";
import { latestSubmission } from "@/lib/onboarding/service";

export const metadata: Metadata = { title: "Workspace submitted" };

export default async function OnboardingDonePage() {
  const session = await requireSession("/onboarding/done");
  const submission = await latestSubmission(session.user);
  if (!submission) redirect("/onboarding");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Your workspace is set up</h1>
      <Alert tone="success">Submitted on {formatDateTime(submission.createdAt)} UTC. This is what we stored:</Alert>
      <Card>
        <AnswersSummary answers={submission.answers} editable={false} />
      </Card>
      <Link href="/dashboard" className="inline-block text-sm font-semibold text-indigo-600 hover:text-indigo-500">
        Back to the dashboard
      </Link>
    </div>
  );
}
