import "server-only";
import type { z } from "zod";
import type { ActionState, FormAction } from "./state";

/** How an action reads and validates its input, before any of its own code runs. */
export type InputSpec<Schema extends z.ZodType, Field extends string> = {
  schema: Schema;
  /** The text fields to read from the submission (anything that is not a string reads as ""). */
  fields: readonly Field[];
  /** Extra input that is not a text field (a checkbox, say), merged over the fields. */
  extra?: (form: FormData) => Record<string, unknown>;
  /** Fields shown again after an error (never passwords). */
  keep?: readonly Field[];
  /**
   * For forms whose fields are hidden inputs the user never typed: one message instead of field errors
   * (a request that does not parse was forged or is stale).
   */
  invalid?: string;
};

/** Reads the named text fields of a submission; anything that is not a string becomes "". */
export function readFields<Field extends string>(form: FormData, fields: readonly Field[]): Record<Field, string> {
  const entries = fields.map((field) => {
    const value = form.get(field);
    return [field, typeof value === "string" ? value : ""] as const;
  });
  return Object.fromEntries(entries) as Record<Field, string>;
}

export type Parsed<Output, Field extends string> =
  { ok: true; input: Output; values: Partial<Record<Field, string>> } | { ok: false; state: ActionState<Field> };

/** Validates a submission against its spec: the parsed input, or the error state to answer with. */
export function parseSubmission<Schema extends z.ZodType, Field extends string>(
  spec: InputSpec<Schema, Field>,
  form: FormData,
): Parsed<z.output<Schema>, Field> {
  const text = readFields(form, spec.fields);
  const values: Partial<Record<Field, string>> = {};
  for (const field of spec.keep ?? []) values[field] = text[field];
  const parsed = spec.schema.safeParse({ ...text, ...spec.extra?.(form) });
  if (parsed.success) return { ok: true, input: parsed.data, values };
  if (spec.invalid) return { ok: false, state: { status: "error", message: spec.invalid } };
  // Errors beside the fields they belong to; any other (a rule across fields without a path) above the form.
  const fieldErrors: Partial<Record<Field, string[]>> = {};
  const formErrors: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = spec.fields.find((name) => name === issue.path[0]);
    if (field) (fieldErrors[field] ??= []).push(issue.message);
    else formErrors.push(issue.message);
  }
  const message = formErrors.length ? { message: formErrors.join(" ") } : {};
  return { ok: false, state: { status: "error", fieldErrors, ...message, ...(spec.keep ? { values } : {}) } };
}

/**
 * A form action that validates its input first: the handler gets the parsed input and the values to show
 * again, and never runs for input that does not parse.
 */
export function formAction<Schema extends z.ZodType, Field extends string>(
  spec: InputSpec<Schema, Field>,
  handler: (input: z.output<Schema>, values: Partial<Record<Field, string>>) => Promise<ActionState<Field>>,
): FormAction<Field> {
  return async (_previous, form) => {
    const parsed = parseSubmission(spec, form);
    return parsed.ok ? handler(parsed.input, parsed.values) : parsed.state;
  };
}
