import type { SelectHTMLAttributes } from "react";
import { controlClass, fieldIds, FieldMessages } from "./field-shell";

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> & {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  hint?: string;
  errors?: string[];
};

export function SelectField({ name, label, options, placeholder, hint, errors, ...select }: SelectFieldProps) {
  const { id, invalid, describedBy } = fieldIds(name, Boolean(hint), errors);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={controlClass(invalid)}
        {...select}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages name={name} hint={hint} errors={errors} />
    </div>
  );
}
