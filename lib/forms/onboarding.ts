import { z } from "zod";

// "Set up your workspace": four steps, one URL each. The first three collect answers; the last reviews.

export const ONBOARDING_FORM = "workspace-setup";

export const STEPS = [
  { id: "profile", title: "Profile", description: "Who you are" },
  { id: "workspace", title: "Workspace", description: "Where your team works" },
  { id: "preferences", title: "Preferences", description: "What you need" },
  { id: "review", title: "Review", description: "Check and submit" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];
export type AnswerStepId = Exclude<StepId, "review">;
export const ANSWER_STEPS = ["profile", "workspace", "preferences"] as const satisfies readonly AnswerStepId[];

export function isStepId(value: string): value is StepId {
  return STEPS.some((step) => step.id === value);
}

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

// Limits keep the largest allowed answers inside the JWT cookie budget (lib/progress/budget.ts).
export const LIMITS = {
  fullName: 60,
  jobTitle: 60,
  workspaceName: 60,
  slugMin: 3,
  slugMax: 40,
  notes: 280,
} as const;

export const TEAM_SIZES = [
  { value: "1", label: "Just me" },
  { value: "2-10", label: "2–10 people" },
  { value: "11-50", label: "11–50 people" },
  { value: "51-200", label: "51–200 people" },
  { value: "201+", label: "More than 200" },
] as const;

export const USE_CASES = [
  { value: "compare", label: "Comparing session strategies" },
  { value: "production", label: "Building a production app" },
  { value: "security", label: "Security review" },
  { value: "teaching", label: "Teaching or learning" },
  { value: "other", label: "Something else" },
] as const;

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));

export function timeZones(): string[] {
  return [...TIME_ZONES].sort();
}

// Printable text only: no control characters (tabs and newlines are allowed where noted).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;

function text(label: string, max: number, { required, multiline = false }: { required: boolean; multiline?: boolean }) {
  const base = z
    .string({ error: `Enter ${label}.` })
    // Browsers submit textarea line breaks as CRLF; store one form.
    .overwrite((value) => value.replace(/\r\n?/g, "\n"))
    .trim()
    .max(max, `Use at most ${max} characters for ${label}.`)
    .refine((value) => !(multiline ? CONTROL : CONTROL_OR_NEWLINE).test(value), `Remove the control characters from ${label}.`);
  return required ? base.refine((value) => value.length > 0, `Enter ${label}.`) : base;
}

export const profileSchema = z.object({
  fullName: text("your full name", LIMITS.fullName, { required: true }),
  jobTitle: text("your job title", LIMITS.jobTitle, { required: false }),
  timeZone: z.string({ error: "Choose your time zone." }).refine((zone) => TIME_ZONES.has(zone), "Choose a time zone from the list."),
});

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const workspaceSchema = z.object({
  workspaceName: text("a workspace name", LIMITS.workspaceName, { required: true }),
  slug: z
    .string({ error: "Choose a URL slug." })
    .trim()
    .min(LIMITS.slugMin, `Use at least ${LIMITS.slugMin} characters for the slug.`)
    .max(LIMITS.slugMax, `Use at most ${LIMITS.slugMax} characters for the slug.`)
    .regex(SLUG_PATTERN, "Use lower-case letters, digits and single hyphens, like acme-labs."),
  teamSize: z.enum(TEAM_SIZES.map((size) => size.value) as [string, ...string[]], { error: "Choose your team size." }),
});

export const preferencesSchema = z.object({
  useCases: z
    .array(z.enum(USE_CASES.map((useCase) => useCase.value) as [string, ...string[]], { error: "Choose use cases from the list." }))
    .max(USE_CASES.length)
    .transform((values) => [...new Set(values)]),
  productUpdates: z.boolean(),
  notes: text("your notes", LIMITS.notes, { required: false, multiline: true }),
});

export const STEP_SCHEMAS = {
  profile: profileSchema,
  workspace: workspaceSchema,
  preferences: preferencesSchema,
} as const;

export type ProfileAnswers = z.infer<typeof profileSchema>;
export type WorkspaceAnswers = z.infer<typeof workspaceSchema>;
export type PreferencesAnswers = z.infer<typeof preferencesSchema>;
export type StepAnswers = { profile: ProfileAnswers; workspace: WorkspaceAnswers; preferences: PreferencesAnswers };
export type Answers = Partial<StepAnswers>;

export const answersSchema = z.object({
  profile: profileSchema.optional(),
  workspace: workspaceSchema.optional(),
  preferences: preferencesSchema.optional(),
});

/** Reads one step's fields from a form submission into the shape its schema expects. */
export function readStepForm(step: AnswerStepId, form: FormData): Record<string, unknown> {
  const str = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  switch (step) {
    case "profile":
      return { fullName: str("fullName"), jobTitle: str("jobTitle") ?? "", timeZone: str("timeZone") };
    case "workspace":
      return { workspaceName: str("workspaceName"), slug: str("slug"), teamSize: str("teamSize") };
    case "preferences":
      return {
        useCases: form.getAll("useCases").filter((value): value is string => typeof value === "string"),
        productUpdates: str("productUpdates") === "on",
        notes: str("notes") ?? "",
      };
  }
}

/** How fields are named in messages ("Shorten your notes"). */
export const FIELD_LABELS: Record<string, string> = {
  fullName: "full name",
  jobTitle: "job title",
  timeZone: "time zone",
  workspaceName: "workspace name",
  slug: "slug",
  teamSize: "team size",
  useCases: "use cases",
  notes: "notes",
};
