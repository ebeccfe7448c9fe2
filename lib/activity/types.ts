// Every kind of event the activity trail records, with the label people see.
export const ACTIVITY_TYPES = {
  "user.registered": "Registered",
  "signin.success": "Signed in",
  "signin.failure": "Sign-in refused",
  signout: "Signed out",
  "session.revoked": "Session revoked",
  "session.expired": "Session expired",
  "password.changed": "Password changed",
  "role.changed": "Role changed",
  "user.disabled": "Account disabled",
  "user.enabled": "Account enabled",
  "onboarding.step_saved": "Onboarding step saved",
  "onboarding.submitted": "Onboarding submitted",
  "page.view": "Page viewed",
  "api.refresh_reused": "API refresh token reused",
} as const;

export type ActivityType = keyof typeof ACTIVITY_TYPES;

export const ACTIVITY_TYPE_IDS = Object.keys(ACTIVITY_TYPES) as ActivityType[];

export function isActivityType(value: unknown): value is ActivityType {
  return typeof value === "string" && Object.hasOwn(ACTIVITY_TYPES, value);
}

/** Why a sign-in was refused. Shown to admins and the account owner, never to the person signing in. */
export const SIGNIN_FAILURE_REASONS = ["unknown_email", "wrong_password", "disabled", "invalid_input", "throttled"] as const;
export type SigninFailureReason = (typeof SIGNIN_FAILURE_REASONS)[number];

/** Type-specific facts stored with an event: flat, small, and never a secret. */
export type ActivityDetail = Record<string, string | number | boolean | null>;
