import { describe, expect, it } from "vitest";
import { authRedirect, safeCallbackPath, sameOriginPath } from "./safe-redirect";

// Inputs that try to leave the site. Browsers resolve `/.//x` to `//x` (a protocol-relative URL to host x),
// read `\` as `/`, drop tabs and newlines inside URLs and trim leading spaces, and decode `%2e` as a dot
// segment; every one of these must end up on this site or at the fallback, never at evil.example.
const HOSTILE = [
  // absolute and protocol-relative URLs
  "https://evil.example/",
  "http://evil.example",
  "HTTPS://EVIL.EXAMPLE/x",
  "//evil.example/",
  "///evil.example/",
  "\\\\evil.example",
  "/\\evil.example",
  "\\/evil.example",
  // dot segments that collapse to `//host` after normalisation
  "/.//evil.example",
  "/./\\evil.example",
  "/a/..//evil.example",
  "/a/b/../..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/%2e//evil.example",
  "/../..//evil.example",
  // encoded and real backslashes and slashes
  "/%5cevil.example",
  "/%5c%5cevil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/.%2f/evil.example",
  // tabs, newlines and spaces browsers strip or trim
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "  https://evil.example",
  "/ /evil.example",
  // other schemes
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "mailto:someone@evil.example",
  "http:evil.example",
  "https:/evil.example",
  // credentials and ports
  "//user@evil.example",
  "/@evil.example",
  "//evil.example:443/x",
  // unparseable or too long
  "http://[::1",
  "http://%zz",
  `/${"a".repeat(3000)}`,
];

/** A Location value resolved the way a browser does it, from a page on https://app.example. */
function resolvedOrigin(location: string): string {
  return new URL(location, "https://app.example/login").origin;
}

describe("sameOriginPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?tab=2#top", "/dashboard?tab=2#top"],
    ["/a/../dashboard", "/dashboard"],
    ["/./dashboard", "/dashboard"],
    ["/%2e%2e/dashboard", "/dashboard"],
    ["/onboarding/profile?x=%2F%2Fevil.example", "/onboarding/profile?x=%2F%2Fevil.example"],
  ])("keeps the on-site path %j as %j", (input, expected) => {
    expect(sameOriginPath(input)).toBe(expected);
  });

  it.each(HOSTILE)("never yields a target off this site for %j", (input) => {
    const path = sameOriginPath(input);
    if (path === null) return;
    expect(path).toMatch(/^\/(?![/\\])/);
    expect(resolvedOrigin(path)).toBe("https://app.example");
  });

  it.each([
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
  ])("refuses %j outright", (input) => {
    expect(sameOriginPath(input)).toBeNull();
  });

  it("accepts an absolute URL only on the given origin", () => {
    expect(sameOriginPath("https://app.example/sessions?x=1", "https://app.example")).toBe("/sessions?x=1");
    expect(sameOriginPath("http://app.example/sessions", "https://app.example")).toBeNull();
    expect(sameOriginPath("https://app.example.evil.example/", "https://app.example")).toBeNull();
    expect(sameOriginPath("https://app.example/.//evil.example", "https://app.example")).toBeNull();
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?tab=2#top", "/dashboard?tab=2#top"],
    ["/a/../dashboard", "/dashboard"],
  ])("keeps the on-site path %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([undefined, "", "dashboard", "/login", "/register?x=1", "/a/../login", "/%2e%2e/register"])(
    "falls back to /dashboard for %j",
    (input) => {
      expect(safeCallbackPath(input)).toBe("/dashboard");
    },
  );

  it.each(HOSTILE)("keeps %j on this site", (input) => {
    const path = safeCallbackPath(input);
    expect(path).toMatch(/^\/(?![/\\])/);
    expect(resolvedOrigin(path)).toBe("https://app.example");
  });

  it.each([
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/dash\nboard",
  ])("falls back to /dashboard for %j (the reported bypasses among them)", (input) => {
    expect(safeCallbackPath(input)).toBe("/dashboard");
  });
});

describe("authRedirect", () => {
  const baseUrl = "https://app.example";

  it.each([
    ["/login?signedOut=1", "https://app.example/login?signedOut=1"],
    ["/dashboard#top", "https://app.example/dashboard#top"],
    ["https://app.example/sessions", "https://app.example/sessions"],
    ["/a/../dashboard", "https://app.example/dashboard"],
  ])("keeps %s on this origin", (url, expected) => {
    expect(authRedirect({ url, baseUrl })).toBe(expected);
  });

  it.each(HOSTILE)("keeps %j on this origin", (url) => {
    expect(new URL(authRedirect({ url, baseUrl })).origin).toBe(baseUrl);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "https://app.example/.//evil.example",
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
