import type { SessionUser } from "@/lib/auth/types";
import type { AnswerStepId } from "@/lib/forms/onboarding";
import type { Progress, StepResult } from "./model";

/** Where onboarding progress lives. Pages and actions use this interface and never ask which mode runs. */
export interface ProgressStore {
  /** How this store keeps progress, in words for the UI. */
  readonly where: { title: string; detail: string };
  load(user: SessionUser): Promise<Progress | null>;
  /** Validates and saves one step; `expectedVersion` is the version the form was rendered with. */
  saveStep(user: SessionUser, step: AnswerStepId, answers: unknown, expectedVersion: number): Promise<StepResult>;
  /** Removes the progress (after Submit, or Start over); only if it still belongs to `formId` when given. */
  clear(user: SessionUser, formId?: string): Promise<void>;
}
