import type { ReactNode } from "react";

/** Label, hint and error list for a control; ids follow `field-<name>`, `-hint`, `-error`. */
export function fieldIds(name: string, hint: boolean, errors: string[] | undefined) {
  const id = `field-${name}`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${id}-hint` : undefined, invalid ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return { id, invalid, describedBy };
}

export function FieldMessages({ name, hint, errors }: { name: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`field-${name}-hint`} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <div id={`field-${name}-error`} aria-live="polite">
        {errors?.map((error) => (
          <p key={error} className="mt-1.5 text-sm text-red-700">
            {error}
          </p>
        ))}
      </div>
    </>
  );
}

export const controlClass = (invalid: boolean) =>
  `mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-slate-900 shadow-sm outline-none transition focus:ring-2 ${
    invalid ? "border-red-400 focus:border-red-500 focus:ring-red-200" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-200"
  }`;
