"use client";

import { useSyncExternalStore } from "react";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { LIMITS } from "@/lib/forms/onboarding";
import { asText, StepForm, type StepFormProps } from "./step-form";

const noSubscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ProfileForm({ action, version, saved, timeZones }: StepFormProps & { timeZones: string[] }) {
  // The browser's time zone is the default when nothing is saved; the server render has none.
  const detected = useSyncExternalStore(noSubscribe, browserTimeZone, () => "");
  const options = timeZones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
  return (
    <StepForm
      action={action}
      version={version}
      backHref={null}
      saved={saved}
      fields={(values, errors) => (
        <>
          <TextField
            name="fullName"
            label="Full name"
            autoComplete="name"
            required
            defaultValue={asText(values.fullName)}
            errors={errors.fullName}
            hint={`Up to ${LIMITS.fullName} characters.`}
          />
          <TextField
            name="jobTitle"
            label="Job title (optional)"
            autoComplete="organization-title"
            defaultValue={asText(values.jobTitle)}
            errors={errors.jobTitle}
          />
          <SelectField
            key={detected}
            name="timeZone"
            label="Time zone"
            options={options}
            defaultValue={asText(values.timeZone) || (timeZones.includes(detected) ? detected : "UTC")}
            errors={errors.timeZone}
          />
        </>
      )}
    />
  );
}
