import { describe, expect, it } from "vitest";
import { sessionEndReason } from "./lifetime";

describe("sessionEndReason", () => {
  it("is null while both limits are ahead", () => {
    expect(sessionEndReason(2_000, 3_000, 1_999)).toBeNull();
  });

  it("names the limit reached, at the millisecond it is reached", () => {
    expect(sessionEndReason(2_000, 3_000, 2_000)).toBe("idle");
    expect(sessionEndReason(4_000, 3_000, 3_000)).toBe("absolute");
  });

  it("names the limit reached first when both have passed, whichever is checked later", () => {
    // Idle for long enough that the absolute lifetime also passed: it ended idle.
    expect(sessionEndReason(2_000, 3_000, 10_000)).toBe("idle");
    // Active until the absolute lifetime, then left: it ended at the absolute lifetime.
    expect(sessionEndReason(4_000, 3_000, 10_000)).toBe("absolute");
  });

  it("calls it absolute when the idle expiry was capped at the absolute end", () => {
    expect(sessionEndReason(3_000, 3_000, 3_500)).toBe("absolute");
  });
});
