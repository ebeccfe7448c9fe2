/**
 * What every form action returns: one shape for the whole app. `success` is the one word for "it worked";
 * `fieldErrors` sit beside their fields; `values` is what to show again so nothing typed is lost
 * (never a password).
 */
export type ActionState<Field extends string = string> = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Partial<Record<Field, string[]>>;
  values?: Partial<Record<Field, string>>;
};

/** The state a form starts in. */
export const IDLE: ActionState<never> = { status: "idle" };

/** A form action as `useActionState` calls it. */
export type FormAction<Field extends string> = (previous: ActionState<Field>, form: FormData) => Promise<ActionState<Field>>;
