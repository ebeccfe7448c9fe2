/** What a step form's action returns: errors beside fields, and everything typed, to show again. */
export type StepFormState = {
  status: "idle" | "error";
  message?: string;
  fieldErrors?: Record<string, string[]>;
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
