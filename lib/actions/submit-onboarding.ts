"use server";

import { redirect } from "next/navigation";
import { recordActivity } from "@/lib/activity/record";
import { submitOnboarding as submit } from "@/lib/onboarding/service";
import { getProgressStore } from "@/lib/progress";
import type { ActionState } from "./state";
import { withSession } from "./with-session";

/** Stores the Submission (idempotent on formId) and shows the confirmation. */
export const submitOnboarding = withSession("/onboarding/review", async (session, _previous: ActionState): Promise<ActionState> => {
  const result = await submit(getProgressStore(), session.user);
  if (result.ok) {
    if (result.created) {
      await recordActivity({
        type: "onboarding.submitted",
        userId: session.user.id,
        session: "current",
        detail: { submissionId: result.submissionId },
      });
    }
    redirect("/onboarding/done");
  }
  if (result.step !== "review") redirect(`/onboarding/${result.step}?incomplete=1`);
  return { status: "error", message: result.error.message };
});
