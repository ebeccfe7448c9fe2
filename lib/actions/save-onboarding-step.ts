"use server";

import { redirect } from "next/navigation";
import { recordActivity } from "@/lib/activity/record";
import { ANSWER_STEPS, readStepForm, stepIndex, STEPS, type AnswerStepId } from "@/lib/forms/onboarding";
import { readVersion, type StepFormState } from "@/lib/forms/onboarding-state";
import { saveOnboardingStep as save } from "@/lib/onboarding/service";
import { getProgressStore } from "@/lib/progress";
import { withSession } from "./with-session";

function isAnswerStep(value: unknown): value is AnswerStepId {
  return typeof value === "string" && (ANSWER_STEPS as readonly string[]).includes(value);
}

/** Saves one onboarding step (bound to the step id) and moves to the next step. */
export const saveOnboardingStep = withSession(
  "/onboarding",
  async (session, step: unknown, previous: Partial<StepFormState> | null, form: FormData): Promise<StepFormState> => {
    // The step arrives from the browser like any other argument: never trust it.
    if (!isAnswerStep(step)) redirect("/onboarding");
    const store = getProgressStore();
    const result = await save(store, session.user, step, form, readVersion(form));
    if (result.ok) {
      await recordActivity({ type: "onboarding.step_saved", userId: session.user.id, session: "current", detail: { step } });
      redirect(`/onboarding/${STEPS[stepIndex(step) + 1]?.id ?? "review"}`);
    }
    if (result.error.code === "order") redirect("/onboarding");
    const current = await store.load(session.user);
    return {
      status: "error",
      message: result.error.message,
      fieldErrors: result.error.fieldErrors,
      values: readStepForm(step, form),
      version: current?.version ?? 0,
      // The previous state comes back from the browser too: a forged one must not break the answer.
      attempt: typeof previous?.attempt === "number" && Number.isSafeInteger(previous.attempt) ? previous.attempt + 1 : 1,
    };
  },
);
