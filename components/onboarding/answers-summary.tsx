import Link from "next/link";
import { TEAM_SIZES, USE_CASES, type Answers } from "@/lib/forms/onboarding";

function labelOf(options: readonly { value: string; label: string }[], value: string) {
  return options.find((option) => option.value === value)?.label ?? value;
}

/** Everything entered, by step; with `editable`, an Edit link per step. User text is rendered as text. */
export function AnswersSummary({ answers, editable }: { answers: Answers; editable: boolean }) {
  const sections = [
    {
      id: "profile",
      title: "Profile",
      rows: answers.profile
        ? [
            ["Full name", answers.profile.fullName],
            ["Job title", answers.profile.jobTitle || "—"],
            ["Time zone", answers.profile.timeZone],
          ]
        : [],
    },
    {
      id: "workspace",
      title: "Workspace",
      rows: answers.workspace
        ? [
            ["Workspace name", answers.workspace.workspaceName],
            ["URL slug", answers.workspace.slug],
            ["Team size", labelOf(TEAM_SIZES, answers.workspace.teamSize)],
          ]
        : [],
    },
    {
      id: "preferences",
      title: "Preferences",
      rows: answers.preferences
        ? [
            ["Use cases", answers.preferences.useCases.map((value) => labelOf(USE_CASES, value)).join(", ") || "—"],
            ["Product updates", answers.preferences.productUpdates ? "Yes" : "No"],
            ["Notes", answers.preferences.notes || "—"],
          ]
        : [],
    },
  ] as const;
  return (
    <div className="space-y-6">
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`summary-${section.id}`}>
          <div className="flex items-center justify-between">
            <h3 id={`summary-${section.id}`} className="font-semibold text-slate-900">
              {section.title}
            </h3>
            {editable ? (
              <Link
                href={`/onboarding/${section.id}`}
                className="text-sm font-semibold text-indigo-600 hover:text-indigo-500"
                aria-label={`Edit ${section.title}`}
              >
                Edit
              </Link>
            ) : null}
          </div>
          <dl className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {section.rows.map(([label, value]) => (
              <div key={label} className="grid gap-1 px-4 py-2.5 sm:grid-cols-3">
                <dt className="text-sm text-slate-500">{label}</dt>
                <dd className="text-sm break-words whitespace-pre-wrap text-slate-900 sm:col-span-2" data-testid={`answer-${label}`}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
