"use client";

import { controlClass, fieldIds, FieldMessages } from "@/components/ui/field-shell";
import { LIMITS, USE_CASES } from "@/lib/forms/onboarding";
import { asText, StepForm, type StepFormProps } from "./step-form";

export function PreferencesForm({ action, version, saved }: StepFormProps) {
  return (
    <StepForm
      action={action}
      version={version}
      backHref="/onboarding/workspace"
      saved={saved}
      fields={(values, errors) => {
        const chosen = Array.isArray(values.useCases) ? values.useCases : [];
        const notes = fieldIds("notes", true, errors.notes);
        return (
          <>
            <fieldset aria-describedby={errors.useCases ? "field-useCases-error" : undefined}>
              <legend className="text-sm font-medium text-slate-800">What will you use auth-modes for?</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {USE_CASES.map((useCase) => (
                  <label
                    key={useCase.value}
                    className="flex items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50"
                  >
                    <input
                      type="checkbox"
                      name="useCases"
                      value={useCase.value}
                      defaultChecked={chosen.includes(useCase.value)}
                      className="size-4 accent-indigo-600"
                    />
                    {useCase.label}
                  </label>
                ))}
              </div>
              <FieldMessages name="useCases" errors={errors.useCases} />
            </fieldset>
            <label className="flex items-start gap-3 text-sm">
              <input
                type="checkbox"
                name="productUpdates"
                defaultChecked={values.productUpdates === true || values.productUpdates === "on"}
                className="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span className="font-medium text-slate-800">Send me product updates</span>
                <span className="block text-slate-500">At most one email a month.</span>
              </span>
            </label>
            <div>
              <label htmlFor={notes.id} className="block text-sm font-medium text-slate-800">
                Notes (optional)
              </label>
              <textarea
                id={notes.id}
                name="notes"
                rows={4}
                defaultValue={asText(values.notes)}
                aria-invalid={notes.invalid || undefined}
                aria-describedby={notes.describedBy}
                className={controlClass(notes.invalid)}
              />
              <FieldMessages name="notes" hint={`Up to ${LIMITS.notes} characters.`} errors={errors.notes} />
            </div>
          </>
        );
      }}
    />
  );
}
