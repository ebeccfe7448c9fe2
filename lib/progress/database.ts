import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import type { AnswerStepId } from "@/lib/forms/onboarding";
import { Prisma } from "@/lib/generated/prisma/client";
import { applyStep, parseProgress, type Progress, type StepResult } from "./model";
import type { ProgressStore } from "./store";

const CONFLICT: StepResult = {
  ok: false,
  error: {
    code: "conflict",
    message:
      "Your answers were changed in another tab or window since this page was opened. What you typed is still here: check it and save again.",
  },
};

/** Database mode: one FormProgress row per user, updated only if its version is the one the form saw. */
export const databaseProgressStore: ProgressStore = {
  where: {
    title: "Saved to your account",
    detail: "Your answers are stored in the database: they survive signing out and show up in any browser you sign in from.",
  },

  async load(user) {
    const row = await getDb().formProgress.findUnique({ where: { userId: user.id } });
    if (!row) return null;
    return parseProgress({ formId: row.formId, version: row.version, answers: safeJson(row.data) });
  },

  async saveStep(user, step: AnswerStepId, answers, expectedVersion) {
    const current = await this.load(user);
    const result = applyStep(current, step, answers, expectedVersion, randomUUID);
    if (!result.ok) return result;
    const next: Progress = result.progress;
    const data = JSON.stringify(next.answers);
    const db = getDb();
    if (!current) {
      try {
        await db.formProgress.create({ data: { userId: user.id, formId: next.formId, data, version: next.version } });
      } catch (error) {
        // Another tab created the row between our read and write.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return CONFLICT;
        throw error;
      }
      return result;
    }
    const updated = await db.formProgress.updateMany({
      where: { userId: user.id, version: current.version },
      data: { data, version: next.version },
    });
    return updated.count === 1 ? result : CONFLICT;
  },

  async clear(user, formId) {
    await getDb().formProgress.deleteMany({ where: { userId: user.id, ...(formId ? { formId } : {}) } });
  },
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
