import type { ActivityDetail, ActivityType } from "./types";

const FAILURE_REASONS: Record<string, string> = {
  unknown_email: "no account with that email",
  wrong_password: "wrong password",
  disabled: "account disabled",
  invalid_input: "invalid input",
  throttled: "too many attempts",
};

/** How a role changed when no admin did it (lib/admin/bootstrap.ts, /setup). */
const ROLE_CHANGE_VIA: Record<string, string> = {
  cli: " by the server's admin command",
  setup_code: " with the setup code from the server log",
};

const text = (value: ActivityDetail[string] | undefined) => (value === null || value === undefined ? "" : String(value));

/** One short human line about an event's detail, or "" when there is nothing to add. */
export function describeDetail(type: ActivityType, detail: ActivityDetail, actorEmail: string | null): string {
  switch (type) {
    case "signin.failure": {
      const reason = FAILURE_REASONS[text(detail.reason)] ?? text(detail.reason);
      return detail.email ? `${reason} (${text(detail.email)})` : reason;
    }
    case "session.revoked": {
      if (detail.reason === "password_checks") return "this session, after too many wrong current passwords";
      const scope = { one: "this session", others: "all other sessions", all: "every session" }[text(detail.scope)] ?? "";
      const by = actorEmail && detail.by === "admin" ? `by admin ${actorEmail}` : "by the user";
      return [scope, by].filter(Boolean).join(", ");
    }
    case "session.expired":
      return detail.reason === "absolute" ? "absolute lifetime reached" : "idle timeout";
    case "role.changed": {
      const how = actorEmail ? ` by ${actorEmail}` : (ROLE_CHANGE_VIA[text(detail.via)] ?? "");
      return `${text(detail.from)} → ${text(detail.to)}${how}`;
    }
    case "user.disabled":
    case "user.enabled":
      return actorEmail ? `by ${actorEmail}` : "";
    case "onboarding.step_saved":
      return `step: ${text(detail.step)}`;
    case "password.changed":
      return detail.signOutOthers ? "other sessions signed out" : "";
    case "user.registered":
      return detail.role === "ADMIN" ? "as admin" : "";
    default:
      return "";
  }
}
