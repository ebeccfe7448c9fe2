import Link from "next/link";
import { stepIndex, STEPS, type StepId } from "@/lib/forms/onboarding";

/** Done / current / remaining steps, and a progress bar. Done steps link back for editing. */
export function Stepper({ current, completed, reachable }: { current: StepId; completed: number; reachable: StepId }) {
  const currentIndex = stepIndex(current);
  const percent = Math.round((completed / (STEPS.length - 1)) * 100);
  return (
    <nav aria-label="Onboarding progress" className="space-y-4">
      <div>
        <div className="flex items-center justify-between text-sm">
          <span className="font-medium text-slate-700">
            Step {currentIndex + 1} of {STEPS.length}
          </span>
          <span className="text-slate-500">{percent}% complete</span>
        </div>
        <div
          role="progressbar"
          aria-label="Answers completed"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {STEPS.map((step, index) => {
          const state = index === currentIndex ? "current" : index < completed ? "done" : "remaining";
          const canVisit = index <= stepIndex(reachable) && index !== currentIndex;
          const label = (
            <span className="flex items-center gap-2">
              <span
                aria-hidden
                className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                  state === "done"
                    ? "bg-indigo-600 text-white"
                    : state === "current"
                      ? "border-2 border-indigo-600 text-indigo-700"
                      : "border border-slate-300 text-slate-500"
                }`}
              >
                {state === "done" ? "✓" : index + 1}
              </span>
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium">{step.title}</span>
                <span className="sr-only">{state === "done" ? " (done)" : state === "current" ? " (current step)" : " (not started)"}</span>
              </span>
            </span>
          );
          return (
            <li
              key={step.id}
              aria-current={state === "current" ? "step" : undefined}
              className="rounded-lg border border-slate-200 bg-white px-3 py-2"
            >
              {canVisit ? (
                <Link href={`/onboarding/${step.id}`} className="block hover:text-indigo-700">
                  {label}
                </Link>
              ) : (
                <span className={state === "remaining" ? "text-slate-500" : undefined}>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
