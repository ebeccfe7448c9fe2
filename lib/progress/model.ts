import { z } from "zod";
import {
  ANSWER_STEPS,
  answersSchema,
  STEP_SCHEMAS,
  stepIndex,
  STEPS,
  type Answers,
  type AnswerStepId,
  type StepAnswers,
  type StepId,
} from "@/lib/forms/onboarding";

/** Where a user is in the onboarding form. Stored in FormProgress (database) or in the token (jwt). */
export type Progress = {
  /** Created when the form starts; makes Submit idempotent. */
  formId: string;
  /** Bumped on every save; a save based on an older version is a conflict (another tab saved first). */
  version: number;
  answers: Answers;
};

export const progressSchema = z.object({
  formId: z.string().min(1).max(64),
  version: z.number().int().nonnegative(),
  answers: answersSchema,
});

/** Stored progress that no longer parses (an old shape, a hand-edited row) is treated as none. */
export function parseProgress(value: unknown): Progress | null {
  const parsed = progressSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type ProgressErrorCode = "invalid" | "order" | "conflict" | "budget";

export type ProgressError = {
  code: ProgressErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
};

export type StepResult = { ok: true; progress: Progress } | { ok: false; error: ProgressError };

/** Messages grouped by the field they belong to (the first segment of each issue's path). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/** The first step whose answers are missing, or "review" when all are there. */
export function firstIncompleteStep(progress: Progress | null): StepId {
  return ANSWER_STEPS.find((step) => !progress?.answers[step]) ?? "review";
}

/** A step can be opened when every step before it has answers: the server decides, not the URL. */
export function canOpenStep(progress: Progress | null, step: StepId): boolean {
  return stepIndex(step) <= stepIndex(firstIncompleteStep(progress));
}

export function completedCount(progress: Progress | null): number {
  return ANSWER_STEPS.filter((step) => progress?.answers[step]).length;
}

export function isComplete(answers: Answers): answers is StepAnswers {
  return ANSWER_STEPS.every((step) => answers[step] !== undefined);
}

export function stepTitle(step: StepId): string {
  return STEPS[stepIndex(step)]?.title ?? step;
}

/**
 * Validates one step's answers and merges them into the progress. Pure: both stores, and the jwt
 * callback that re-checks every token update, call this same function.
 */
export function applyStep(
  progress: Progress | null,
  step: AnswerStepId,
  raw: unknown,
  expectedVersion: number,
  newFormId: () => string,
): StepResult {
  const parsed = STEP_SCHEMAS[step].safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: "invalid",
        message: "Some answers need another look.",
        fieldErrors: fieldErrorsOf(parsed.error),
      },
    };
  }
  if (!canOpenStep(progress, step)) {
    const missing = firstIncompleteStep(progress);
    return { ok: false, error: { code: "order", message: `Complete the ${stepTitle(missing)} step first.` } };
  }
  const currentVersion = progress?.version ?? 0;
  if (expectedVersion !== currentVersion) {
    return {
      ok: false,
      error: {
        code: "conflict",
        message:
          "Your answers were changed in another tab or window since this page was opened. What you typed is still here: check it and save again.",
      },
    };
  }
  return {
    ok: true,
    progress: {
      formId: progress?.formId ?? newFormId(),
      version: currentVersion + 1,
      answers: { ...progress?.answers, [step]: parsed.data },
    },
  };
}
