import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import type { Progress } from "@/lib/progress/model";
import type { ProgressStore } from "@/lib/progress/store";
import { temporaryDatabase } from "@/lib/testing/database";

// Submit is idempotent on formId, on both databases (the `postgresql` project reruns this file): many
// submissions of one form at once store one Submission, and two forms racing for one workspace slug
// store one of them. The store is a stand-in that always returns the same finished form, as a second
// tab or a replayed cookie would.
const database = temporaryDatabase("onboarding");
let user: SessionUser;

beforeAll(async () => {
  await database.setup();
  const { getDb } = await import("@/lib/db");
  user = await getDb().user.create({
    data: { email: "submit@example.test", name: "Ada" },
    select: { id: true, name: true, email: true, role: true },
  });
}, 60_000);
afterAll(() => database.teardown());

const answers = (slug: string) => ({
  profile: { fullName: "Ada", jobTitle: "Analyst", timeZone: "UTC" },
  workspace: { workspaceName: "Engines", slug, teamSize: "1" },
  preferences: { useCases: ["security"], productUpdates: true, notes: "" },
});

function finishedForm(formId: string, slug: string): ProgressStore {
  const progress: Progress = { formId, version: 3, answers: answers(slug) };
  return {
    where: { title: "test", detail: "test" },
    load: async () => progress,
    saveStep: async () => ({ ok: true, progress }),
    clear: async () => undefined,
  };
}

describe("submitOnboarding", () => {
  it("stores one Submission however many submissions of one form arrive at once", async () => {
    const { submitOnboarding } = await import("./service");
    const store = finishedForm("form-many-at-once", "many-at-once");
    const results = await Promise.all(Array.from({ length: 8 }, () => submitOnboarding(store, user)));
    expect(results.every((result) => result.ok)).toBe(true);
    const ids = new Set(results.map((result) => (result.ok ? result.submissionId : "")));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.ok && result.created)).toHaveLength(1);
    const { getDb } = await import("@/lib/db");
    expect(await getDb().submission.count({ where: { formId: "form-many-at-once" } })).toBe(1);
  });

  it("gives a workspace slug to one of two forms submitted at once, and tells the other to choose again", async () => {
    const { submitOnboarding } = await import("./service");
    const [a, b] = await Promise.all([
      submitOnboarding(finishedForm("form-a", "contested"), user),
      submitOnboarding(finishedForm("form-b", "contested"), user),
    ]);
    expect([a, b].filter((result) => result.ok)).toHaveLength(1);
    const refused = [a, b].find((result) => !result.ok);
    expect(refused && !refused.ok && refused.error.fieldErrors?.slug).toEqual([
      "That slug belongs to another workspace. Choose a different one.",
    ]);
    const { getDb } = await import("@/lib/db");
    expect(await getDb().submission.count({ where: { workspaceSlug: "contested" } })).toBe(1);
  });
});
