// The app's date formats, all in UTC (the server renders; the reader's time zone is unknown to it).

const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** "1 Dec 2026" */
export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

/** "1 Dec 2026, 21:15" (UTC, without saying so: callers add "UTC" where the reader needs it) */
export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** "1 Dec 2026, 21:15:07" */
export function formatDateTimeSeconds(date: Date): string {
  return dateTimeSeconds.format(date);
}
