import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?tab=2#top", "/dashboard?tab=2#top"],
    ["/a/../dashboard", "/dashboard"],
  ])("keeps the on-site path %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    undefined,
    "",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/dash\nboard",
    "/login",
    "/register?x=1",
    `/${"a".repeat(3000)}`,
  ])("falls back to /dashboard for %j", (input) => {
    expect(safeCallbackPath(input)).toBe("/dashboard");
  });
});
