import type { ActionState } from "@/lib/actions/state";

/**
 * What a step form's action returns: the app's one action state, with everything typed to show again (a
 * step's answers include lists, so values are not only text) and the version the next save builds on.
 */
export type StepFormState = Omit<ActionState, "values"> & {
  values?: Record<string, unknown>;
  /** The progress version the next save must be based on. */
  version: number;
  /** Bumped on every answered submission so the form re-mounts with the returned values. */
  attempt: number;
};

export function readVersion(form: FormData): number {
  const raw = form.get("version");
  const version = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
  return version;
}
