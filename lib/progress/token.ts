import "server-only";
import { randomUUID } from "node:crypto";
import { currentToken } from "@/lib/auth/current-token";
import { applyStep, parseProgress, type Progress } from "./model";
import type { ProgressStore } from "./store";
import { runTokenCommand, type TokenCommand } from "./token-update";

type SaveCommand = Extract<TokenCommand, { type: "save" }>;

type Update = (data: Record<string, never>) => Promise<unknown>;

/** jwt mode: progress lives in the session token and is re-issued with every step. */
export function createTokenProgressStore(update: Update): ProgressStore {
  async function load(userId: string): Promise<Progress | null> {
    const token = await currentToken();
    return token?.sub === userId ? parseProgress(token.progress) : null;
  }

  return {
    where: {
      title: "Kept in this browser's session",
      detail:
        "Your answers travel inside your encrypted session cookie and nothing is written to the database until you submit. They belong to this browser: signing out, or signing in elsewhere, starts the form fresh.",
    },

    async load(user) {
      return load(user.id);
    },

    async saveStep(user, step, answers, expectedVersion) {
      // Checked here first so that invalid input does not re-issue the cookie; checked again, with the
      // budget, in the jwt callback, which is what actually writes the token.
      const precheck = applyStep(await load(user.id), step, answers, expectedVersion, randomUUID);
      if (!precheck.ok) return precheck;
      const command: SaveCommand = { type: "save", step, answers, expectedVersion };
      await runTokenCommand(command, update);
      if (command.outcome) return command.outcome;
      return { ok: false, error: { code: "conflict", message: "Your session could not be updated. Sign in again and retry." } };
    },

    async clear(user, formId) {
      if (!(await load(user.id))) return;
      await runTokenCommand({ type: "clear", formId }, update);
    },
  };
}
