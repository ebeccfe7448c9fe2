import type { JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type * as BudgetModule from "./budget";
import type * as TokenUpdateModule from "./token-update";

// Imported after the environment is stubbed: both read the configuration when first used.
let tokenUpdate: typeof TokenUpdateModule;
let budget: typeof BudgetModule;

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  tokenUpdate = await import("./token-update");
  budget = await import("./budget");
});

const base: JWT = { sub: "user-1", name: "Ada", email: "ada@example.test", role: "USER" };
const profile = { fullName: "Ada", jobTitle: "", timeZone: "UTC" };

/** Runs applyTokenUpdate the way unstable_update does: inside runTokenCommand. */
async function run(command: Parameters<typeof tokenUpdate.runTokenCommand>[0], token: JWT) {
  let result: JWT | undefined;
  await tokenUpdate.runTokenCommand(command, async () => {
    result = await tokenUpdate.applyTokenUpdate(token);
  });
  return result;
}

describe("applyTokenUpdate", () => {
  it("ignores an update that did not come from a server action (client-posted data)", async () => {
    expect(await tokenUpdate.applyTokenUpdate(base)).toBe(base);
  });

  it("merges a valid step and reports the outcome to the caller", async () => {
    const command = { type: "save", step: "profile", answers: profile, expectedVersion: 0 } as const;
    const tracked: Parameters<typeof tokenUpdate.runTokenCommand>[0] = { ...command };
    const token = await run(tracked, base);
    expect(token?.progress?.answers.profile).toEqual(profile);
    expect(token?.progress?.version).toBe(1);
    expect(tracked.type === "save" && tracked.outcome?.ok).toBe(true);
    expect(token?.role).toBe("USER");
  });

  it("keeps the token unchanged when the step is out of order", async () => {
    const token = await run({ type: "save", step: "preferences", answers: {}, expectedVersion: 0 }, base);
    expect(token).toBe(base);
  });

  it("refuses progress that would push the cookie over the budget, naming the field to shorten", async () => {
    const withWorkspace = await run(
      { type: "save", step: "profile", answers: { ...profile, fullName: "🚀".repeat(60) }, expectedVersion: 0 },
      base,
    );
    const tracked: Parameters<typeof tokenUpdate.runTokenCommand>[0] = {
      type: "save",
      step: "workspace",
      answers: { workspaceName: "🌍".repeat(60), slug: "big", teamSize: "1" },
      expectedVersion: 1,
    };
    const afterWorkspace = await run(tracked, withWorkspace ?? base);
    const big: Parameters<typeof tokenUpdate.runTokenCommand>[0] = {
      type: "save",
      step: "preferences",
      answers: { useCases: [], productUpdates: false, notes: "✨".repeat(280) },
      expectedVersion: 2,
    };
    const token = await run(big, afterWorkspace ?? base);
    expect(token).toBe(afterWorkspace);
    expect(big.type === "save" && big.outcome).toMatchObject({
      ok: false,
      error: { code: "budget", fieldErrors: { notes: ["Shorten your notes to fit."] } },
    });
    expect(await budget.sessionCookieBytes(token ?? base)).toBeLessThanOrEqual(budget.COOKIE_BUDGET_BYTES);
  });

  it("clears progress only for the form it names", async () => {
    const withProgress = await run({ type: "save", step: "profile", answers: profile, expectedVersion: 0 }, base);
    const formId = withProgress?.progress?.formId ?? "";
    expect((await run({ type: "clear", formId: "another-form" }, withProgress ?? base))?.progress).toBeDefined();
    expect((await run({ type: "clear", formId }, withProgress ?? base))?.progress).toBeUndefined();
  });
});
