import "server-only";
import type { SessionUser } from "@/lib/auth/types";
import { getDb } from "@/lib/db";
import { answersSchema, ONBOARDING_FORM, readStepForm, workspaceSchema, type AnswerStepId, type StepAnswers } from "@/lib/forms/onboarding";
import { Prisma } from "@/lib/generated/prisma/client";
import { firstIncompleteStep, isComplete, type ProgressError, type StepResult } from "@/lib/progress/model";
import type { ProgressStore } from "@/lib/progress/store";

export type SubmittedForm = { id: string; formId: string; createdAt: Date; answers: StepAnswers };

const SLUG_TAKEN = "That slug belongs to another workspace. Choose a different one.";

/** A slug is taken once a submitted workspace uses it (progress in flight reserves nothing). */
async function slugTaken(slug: string, formId: string | undefined): Promise<boolean> {
  const owner = await getDb().submission.findUnique({ where: { workspaceSlug: slug }, select: { formId: true } });
  return owner !== null && owner.formId !== formId;
}

/** Saves one step from a form submission: parse, check the slug, then the store validates and merges. */
export async function saveOnboardingStep(
  store: ProgressStore,
  user: SessionUser,
  step: AnswerStepId,
  form: FormData,
  expectedVersion: number,
): Promise<StepResult> {
  const answers = readStepForm(step, form);
  if (step === "workspace") {
    const parsed = workspaceSchema.safeParse(answers);
    if (parsed.success) {
      const progress = await store.load(user);
      if (await slugTaken(parsed.data.slug, progress?.formId)) {
        return { ok: false, error: { code: "invalid", message: "Some answers need another look.", fieldErrors: { slug: [SLUG_TAKEN] } } };
      }
    }
  }
  return store.saveStep(user, step, answers, expectedVersion);
}

export type SubmitResult =
  { ok: true; submissionId: string; created: boolean } | { ok: false; error: ProgressError; step: AnswerStepId | "review" };

/**
 * Stores the Submission and clears the progress. Idempotent on `formId`: a double click, a second tab
 * or a replayed older cookie finds the existing Submission instead of creating another.
 */
export async function submitOnboarding(store: ProgressStore, user: SessionUser): Promise<SubmitResult> {
  const progress = await store.load(user);
  if (!progress) {
    // A second tab or a double click after the first Submit already cleared the progress.
    const done = await getDb().submission.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, select: { id: true } });
    if (done) return { ok: true, submissionId: done.id, created: false };
  }
  if (!progress || !isComplete(progress.answers)) {
    const step = firstIncompleteStep(progress);
    return { ok: false, step, error: { code: "order", message: "Some steps are not complete yet." } };
  }
  const db = getDb();
  const existing = await db.submission.findUnique({ where: { formId: progress.formId }, select: { id: true } });
  if (existing) {
    await store.clear(user, progress.formId);
    return { ok: true, submissionId: existing.id, created: false };
  }
  try {
    const created = await db.submission.create({
      data: {
        formId: progress.formId,
        userId: user.id,
        workspaceSlug: progress.answers.workspace.slug,
        data: JSON.stringify({ form: ONBOARDING_FORM, answers: progress.answers }),
      },
      select: { id: true },
    });
    await store.clear(user, progress.formId);
    return { ok: true, submissionId: created.id, created: true };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    // Lost a race: either this form was submitted concurrently, or another workspace took the slug.
    const winner = await db.submission.findUnique({ where: { formId: progress.formId }, select: { id: true } });
    if (winner) {
      await store.clear(user, progress.formId);
      return { ok: true, submissionId: winner.id, created: false };
    }
    return { ok: false, step: "workspace", error: { code: "invalid", message: SLUG_TAKEN, fieldErrors: { slug: [SLUG_TAKEN] } } };
  }
}

/** The user's most recent submitted form, for the confirmation page. */
export async function latestSubmission(user: SessionUser): Promise<SubmittedForm | null> {
  const row = await getDb().submission.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  if (!row) return null;
  const parsed = answersSchema.safeParse((JSON.parse(row.data) as { answers?: unknown }).answers);
  if (!parsed.success || !isComplete(parsed.data)) return null;
  return { id: row.id, formId: row.formId, createdAt: row.createdAt, answers: parsed.data };
}
