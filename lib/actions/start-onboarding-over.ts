"use server";

import { redirect } from "next/navigation";
import { getProgressStore } from "@/lib/progress";
import { withSession } from "./with-session";

/** Clears the onboarding progress and returns to the first step. */
export const startOnboardingOver = withSession("/onboarding", async (session): Promise<void> => {
  await getProgressStore().clear(session.user);
  redirect("/onboarding/profile");
});
