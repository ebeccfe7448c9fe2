import { describe, expect, it } from "vitest";
import { applyStep, canOpenStep, firstIncompleteStep, parseProgress, type Progress } from "./model";

const profile = { fullName: "Ada", jobTitle: "", timeZone: "UTC" };
const workspace = { workspaceName: "Engines", slug: "engines", teamSize: "1" };
const preferences = { useCases: ["security", "security"], productUpdates: true, notes: "a\r\nb" };
const ids = () => "form-1";

function saved(...steps: ("profile" | "workspace" | "preferences")[]): Progress {
  const answers = { profile, workspace, preferences: { ...preferences, useCases: ["security"], notes: "a\nb" } };
  return { formId: "form-1", version: steps.length, answers: Object.fromEntries(steps.map((s) => [s, answers[s]])) };
}

describe("applyStep", () => {
  it("starts a form with a new formId at version 1", () => {
    expect(applyStep(null, "profile", profile, 0, ids)).toEqual({
      ok: true,
      progress: { formId: "form-1", version: 1, answers: { profile } },
    });
  });

  it("validates with the step's schema and normalises what it stores", () => {
    const result = applyStep(saved("profile", "workspace"), "preferences", preferences, 2, ids);
    expect(result.ok && result.progress.answers.preferences).toEqual({ useCases: ["security"], productUpdates: true, notes: "a\nb" });
  });

  it("refuses invalid answers with messages per field and changes nothing", () => {
    const result = applyStep(null, "profile", { fullName: "", timeZone: "Mars/Olympus_Mons" }, 0, ids);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "invalid",
        message: "Some answers need another look.",
        fieldErrors: {
          fullName: ["Enter your full name."],
          jobTitle: ["Enter your job title."],
          timeZone: ["Choose a time zone from the list."],
        },
      },
    });
  });

  it("refuses a step whose predecessors are incomplete", () => {
    const result = applyStep(null, "preferences", preferences, 0, ids);
    expect(result.ok ? null : result.error.code).toBe("order");
    expect(result.ok ? null : result.error.message).toBe("Complete the Profile step first.");
  });

  it("refuses a save based on an older version (another tab saved first)", () => {
    const result = applyStep(saved("profile"), "profile", profile, 0, ids);
    expect(result.ok ? null : result.error.code).toBe("conflict");
  });

  it("editing an earlier step keeps the later answers", () => {
    const result = applyStep(saved("profile", "workspace"), "profile", { ...profile, fullName: "Ada L." }, 2, ids);
    expect(result.ok && result.progress).toEqual({
      formId: "form-1",
      version: 3,
      answers: { profile: { ...profile, fullName: "Ada L." }, workspace },
    });
  });

  it("ignores keys a schema does not know (no smuggled fields)", () => {
    const result = applyStep(null, "profile", { ...profile, role: "ADMIN", __proto__: { polluted: true } }, 0, ids);
    expect(result.ok && result.progress.answers.profile).toEqual(profile);
  });
});

describe("step order", () => {
  it("names the first incomplete step and lets only reached steps open", () => {
    expect(firstIncompleteStep(null)).toBe("profile");
    expect(firstIncompleteStep(saved("profile"))).toBe("workspace");
    expect(firstIncompleteStep(saved("profile", "workspace", "preferences"))).toBe("review");
    expect(canOpenStep(saved("profile"), "workspace")).toBe(true);
    expect(canOpenStep(saved("profile"), "review")).toBe(false);
    expect(canOpenStep(null, "profile")).toBe(true);
  });
});

describe("parseProgress", () => {
  it("treats stored data of the wrong shape as no progress", () => {
    expect(parseProgress({ formId: "f", version: 1, answers: { profile: { fullName: 5 } } })).toBeNull();
    expect(parseProgress("nonsense")).toBeNull();
    expect(parseProgress(saved("profile"))).toEqual(saved("profile"));
  });
});
