import "server-only";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { getDb } from "@/lib/db";
import { ANSWER_STEPS, isStepId, type AnswerStepId } from "@/lib/forms/onboarding";
import { saveOnboardingStep, submitOnboarding } from "@/lib/onboarding/service";
import { getApiProgressStore } from "@/lib/progress";
import { completedCount, firstIncompleteStep, type Progress, type ProgressError } from "@/lib/progress/model";
import { familyRef } from "./families";
import { json, parseJsonBody, problem, readBody, type BearerContext } from "./http";

// The resource endpoints: who am I, and the onboarding form through the same service as the web form
// (validation, step order, optimistic versions, formId-idempotent submit), stored server-side.

export function me({ user, claims }: BearerContext): Response {
  return json({
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    scope: claims.scope.join(" "),
    session: { expires_at: claims.exp },
  });
}

function progressView(progress: Progress | null) {
  return {
    formId: progress?.formId ?? null,
    version: progress?.version ?? 0,
    answers: progress?.answers ?? {},
    completed: completedCount(progress),
    nextStep: firstIncompleteStep(progress),
  };
}

export async function onboarding({ user }: BearerContext): Promise<Response> {
  return json(progressView(await getApiProgressStore().load(user)));
}

const answerValue = z.union([z.string().max(2000), z.boolean(), z.array(z.string().max(200)).max(20)]);

const stepBodySchema = z.object({
  version: z.number({ error: "version must be the version you last read (0 before the first step)." }).int().min(0).max(1_000_000),
  answers: z.record(z.string().max(64), answerValue, { error: "answers must be an object of the step's fields." }),
});

const reviewBodySchema = z.object({ formId: z.string().min(1).max(64).optional() });

/** The web form's FormData, built from a JSON step: the same reader (readStepForm) then sees the same fields. */
function asForm(answers: Record<string, string | boolean | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(answers)) {
    if (Array.isArray(value)) for (const item of value) form.append(name, item);
    else if (typeof value === "boolean") {
      if (value) form.append(name, "on");
    } else form.append(name, value);
  }
  return form;
}

function progressError(error: ProgressError): Response {
  const status = error.code === "invalid" || error.code === "budget" ? 422 : 409;
  return problem(status, error.code, error.message, error.fieldErrors ? { fieldErrors: error.fieldErrors } : {});
}

const isAnswerStep = (step: string): step is AnswerStepId => (ANSWER_STEPS as readonly string[]).includes(step);

export async function putStep(context: BearerContext, request: Request, step: string): Promise<Response> {
  if (!isStepId(step))
    return problem(404, "not_found", `There is no step "${step.slice(0, 40)}". Steps: profile, workspace, preferences, review.`);
  const text = await readBody(request);
  if (text === null) return problem(413, "invalid_request", "The request body is too large.");
  const body = parseJsonBody(text, request.headers.get("content-type"));
  if (body === undefined) return problem(415, "invalid_request", "Send a JSON object with Content-Type: application/json.");
  const { user } = context;
  const store = getApiProgressStore();
  if (!isAnswerStep(step)) {
    const parsed = reviewBodySchema.safeParse(body);
    if (!parsed.success) return problem(400, "invalid_request", parsed.error.issues[0]?.message ?? "The request is not valid.");
    const { formId } = parsed.data;
    if (formId) {
      const done = await getDb().submission.findUnique({ where: { formId }, select: { id: true, userId: true } });
      if (done && done.userId === user.id) return json({ submissionId: done.id, created: false });
    }
    const progress = await store.load(user);
    if (formId && progress && progress.formId !== formId) {
      return problem(409, "conflict", "This form was started over since you read it: read it again, then submit.");
    }
    const result = await submitOnboarding(store, user);
    if (!result.ok) return progressError(result.error);
    if (result.created) {
      await recordActivity({
        type: "onboarding.submitted",
        userId: user.id,
        session: familyRef(context.familyId),
        detail: { submissionId: result.submissionId },
      });
    }
    return json({ submissionId: result.submissionId, created: result.created }, result.created ? 201 : 200);
  }
  const parsed = stepBodySchema.safeParse(body);
  if (!parsed.success) return problem(400, "invalid_request", parsed.error.issues[0]?.message ?? "The request is not valid.");
  const result = await saveOnboardingStep(store, user, step, asForm(parsed.data.answers), parsed.data.version);
  if (!result.ok) return progressError(result.error);
  await recordActivity({ type: "onboarding.step_saved", userId: user.id, session: familyRef(context.familyId), detail: { step } });
  return json(progressView(result.progress));
}
