import type { InputHTMLAttributes } from "react";
import { controlClass, fieldIds, FieldMessages } from "./field-shell";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
};

/** A labelled input whose hint and errors are linked through aria-describedby. */
export function TextField({ name, label, hint, errors, className, ...input }: TextFieldProps) {
  const { id, invalid, describedBy } = fieldIds(name, Boolean(hint), errors);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`${controlClass(invalid)} placeholder:text-slate-400`}
        {...input}
      />
      <FieldMessages name={name} hint={hint} errors={errors} />
    </div>
  );
}
