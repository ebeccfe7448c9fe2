import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { AnswerStepId } from "@/lib/forms/onboarding";
import { COOKIE_BUDGET_BYTES, overBudgetError, sessionCookieBytes } from "./budget";
import { applyStep, parseProgress, type StepResult } from "./model";

// jwt mode writes progress into the token through Auth.js `unstable_update`, which runs the `jwt`
// callback with trigger "update". That same callback also runs for a browser's POST to
// /api/auth/session, whose body is attacker-controlled. So the callback ignores the posted data
// entirely: the command comes from a server action through AsyncLocalStorage, which no HTTP request
// can reach, and it is validated again here before it touches the token.

export type TokenCommand =
  | { type: "save"; step: AnswerStepId; answers: unknown; expectedVersion: number; outcome?: StepResult }
  | { type: "clear"; formId?: string };

const pending = new AsyncLocalStorage<TokenCommand>();

/** Runs `update` (Auth.js unstable_update) with `command` visible to the jwt callback. */
export async function runTokenCommand(command: TokenCommand, update: (data: Record<string, never>) => Promise<unknown>) {
  await pending.run(command, () => update({}));
}

/** Called by the jwt callback on trigger "update": applies a server command, ignores anything else. */
export async function applyTokenUpdate(token: JWT): Promise<JWT> {
  const command = pending.getStore();
  if (!command) return token;
  if (command.type === "clear") {
    if (command.formId && token.progress?.formId !== command.formId) return token;
    const { progress: _removed, ...rest } = token;
    return rest;
  }
  const result = applyStep(parseProgress(token.progress), command.step, command.answers, command.expectedVersion, randomUUID);
  if (!result.ok) {
    command.outcome = result;
    return token;
  }
  const candidate: JWT = { ...token, progress: result.progress };
  const bytes = await sessionCookieBytes(candidate);
  if (bytes > COOKIE_BUDGET_BYTES) {
    const answers = result.progress.answers[command.step] ?? {};
    command.outcome = { ok: false, error: overBudgetError(bytes, answers) };
    return token;
  }
  command.outcome = result;
  return candidate;
}
