import { describe, expect, it } from "vitest";
import { formatCheckCost, formatCountdown } from "./format";

describe("formatCountdown", () => {
  it("counts down in days, hours, minutes and seconds, and says when it is over", () => {
    expect(formatCountdown(30 * 86_400)).toBe("30 d 00 h 00 min 00 s");
    expect(formatCountdown(3_725)).toBe("1 h 02 min 05 s");
    expect(formatCountdown(65.9)).toBe("1 min 05 s");
    expect(formatCountdown(0)).toBe("expired");
    expect(formatCountdown(-5)).toBe("expired");
  });
});

describe("formatCheckCost", () => {
  it("states the time and the statements, singular or plural", () => {
    expect(formatCheckCost({ milliseconds: 1.234, statements: 1 })).toBe("1.23 ms, 1 SQL statement");
    expect(formatCheckCost({ milliseconds: 0.5, statements: 0 })).toBe("0.50 ms, 0 SQL statements");
  });
});
