"use server";

import { redirect } from "next/navigation";
import { submitOnboarding as submit } from "@/lib/onboarding/service";
import { getProgressStore } from "@/lib/progress";
import { withSession } from "./with-session";

export type SubmitState = { message?: string };

/** Stores the Submission (idempotent on formId) and shows the confirmation. */
export const submitOnboarding = withSession("/onboarding/review", async (session, _previous: SubmitState): Promise<SubmitState> => {
  const result = await submit(getProgressStore(), session.user);
  if (result.ok) redirect("/onboarding/done");
  if (result.step !== "review") redirect(`/onboarding/${result.step}?incomplete=1`);
  return { message: result.error.message };
});
