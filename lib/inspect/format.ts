/** "2 d 03 h 04 min 05 s" from seconds; "expired" at or below zero. */
export function formatCountdown(seconds: number): string {
  if (seconds <= 0) return "expired";
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  const rest = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return days
    ? `${days} d ${pad(hours)} h ${pad(minutes)} min ${pad(rest)} s`
    : hours
      ? `${hours} h ${pad(minutes)} min ${pad(rest)} s`
      : `${minutes} min ${pad(rest)} s`;
}

/** "1.23 ms, 1 SQL statement". */
export function formatCheckCost({ milliseconds, statements }: { milliseconds: number; statements: number }): string {
  return `${milliseconds.toFixed(2)} ms, ${statements} SQL statement${statements === 1 ? "" : "s"}`;
}
