"use client";

import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { LIMITS, TEAM_SIZES } from "@/lib/forms/onboarding";
import { asText, StepForm, type StepFormProps } from "./step-form";

export function WorkspaceForm({ action, version, saved }: StepFormProps) {
  return (
    <StepForm
      action={action}
      version={version}
      backHref="/onboarding/profile"
      saved={saved}
      fields={(values, errors) => (
        <>
          <TextField
            name="workspaceName"
            label="Workspace name"
            required
            defaultValue={asText(values.workspaceName)}
            errors={errors.workspaceName}
          />
          <TextField
            name="slug"
            label="URL slug"
            required
            autoCapitalize="none"
            spellCheck={false}
            defaultValue={asText(values.slug)}
            errors={errors.slug}
            hint={`Lower-case letters, digits and hyphens, ${LIMITS.slugMin}–${LIMITS.slugMax} characters, e.g. acme-labs.`}
          />
          <SelectField
            name="teamSize"
            label="Team size"
            placeholder="Choose…"
            options={TEAM_SIZES}
            defaultValue={asText(values.teamSize)}
            errors={errors.teamSize}
          />
        </>
      )}
    />
  );
}
