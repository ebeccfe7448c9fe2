// A session ends at its idle expiry or at the end of its absolute lifetime, whichever comes first; the
// activity trail records which. Checked lazily (the next request, or a prune), so by the time anyone looks
// both may have passed: the reason is the limit that was reached first, not the one checked first.

export type SessionEndReason = "idle" | "absolute";

/** Whether a session has ended at `now` and why. All three are milliseconds since the epoch. */
export function sessionEndReason(idleEnd: number, absoluteEnd: number, now: number): SessionEndReason | null {
  if (Math.min(idleEnd, absoluteEnd) > now) return null;
  return absoluteEnd <= idleEnd ? "absolute" : "idle";
}
