import { describe, expect, it } from "vitest";
import { authRedirect, safeCallbackPath } from "./safe-redirect";

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

describe("authRedirect", () => {
  const baseUrl = "https://app.example";

  it.each([
    ["/login?signedOut=1", "https://app.example/login?signedOut=1"],
    ["/dashboard#top", "https://app.example/dashboard#top"],
    ["https://app.example/sessions", "https://app.example/sessions"],
  ])("keeps %s on this origin", (url, expected) => {
    expect(authRedirect({ url, baseUrl })).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "https://app.example.evil.example/",
    "http://app.example/", // another scheme is another origin
    "javascript:alert(1)",
    "http://[::1",
    "http://%zz",
    "/dash\nboard",
    `/${"a".repeat(3000)}`,
  ])("sends %j home", (url) => {
    expect(authRedirect({ url, baseUrl })).toBe("https://app.example/");
  });
});
