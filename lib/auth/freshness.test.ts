import { describe, expect, it } from "vitest";
import { nowSeconds, userCheckDue } from "./freshness";

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0, 400); // 400 ms into a second
const NOW_S = Math.floor(NOW / 1000);

describe("userCheckDue", () => {
  it.each([
    { case: "checked just now", checkedAt: NOW_S, due: false },
    { case: "checked update age minus one second ago", checkedAt: NOW_S - 59, due: false },
    { case: "checked exactly update age ago", checkedAt: NOW_S - 60, due: true },
    { case: "checked longer ago", checkedAt: NOW_S - 3600, due: true },
    { case: "never checked (a token from before the claim)", checkedAt: undefined, due: true },
    { case: "not a number", checkedAt: String(NOW_S), due: true },
    { case: "not finite", checkedAt: Number.NaN, due: true },
    { case: "in the future (a clock moved back)", checkedAt: NOW_S + 5, due: true },
  ])("$case: due = $due", ({ checkedAt, due }) => {
    expect(userCheckDue(checkedAt, 60, NOW)).toBe(due);
  });

  it("with a one-second update age, a check made any time in the previous second is due", () => {
    expect(userCheckDue(NOW_S - 1, 1, NOW)).toBe(true);
    expect(userCheckDue(NOW_S, 1, NOW)).toBe(false);
    expect(userCheckDue(NOW_S, 1, (NOW_S + 1) * 1000)).toBe(true);
  });

  it("nowSeconds floors to whole seconds", () => {
    expect(nowSeconds(NOW)).toBe(NOW_S);
  });
});
