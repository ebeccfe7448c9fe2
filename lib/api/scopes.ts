// What an access token may do. A client asks for a subset at sign-in (default: all); refreshes keep it.
export const SCOPES = ["profile", "onboarding"] as const;
export type Scope = (typeof SCOPES)[number];

const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/** A space-separated scope string (RFC 6749 §3.3) as a sorted list, or null when it names an unknown scope or none. */
export function parseScope(value: string): Scope[] | null {
  const parts = value.split(" ").filter(Boolean);
  if (parts.length === 0 || parts.length > SCOPES.length * 2 || !parts.every(isScope)) return null;
  return SCOPES.filter((scope) => parts.includes(scope));
}
