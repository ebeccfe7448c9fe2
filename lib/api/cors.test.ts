import { describe, expect, it } from "vitest";
import { corsHeaders } from "./cors";

describe("corsHeaders", () => {
  const allowed = ["https://app.example.test"];

  it("allows only a listed origin, and never with credentials", () => {
    const headers = corsHeaders("https://app.example.test", allowed, "GET, OPTIONS");
    expect(headers["Access-Control-Allow-Origin"]).toBe("https://app.example.test");
    expect(headers).not.toHaveProperty("Access-Control-Allow-Credentials");
    expect(headers.Vary).toBe("Origin");
  });

  it("sends no grant to an unlisted origin, a look-alike, null or no origin at all", () => {
    for (const origin of ["https://evil.example", "https://app.example.test.evil.example", "null", null]) {
      expect(corsHeaders(origin, allowed, "GET")).toEqual({ Vary: "Origin" });
    }
    expect(corsHeaders("https://app.example.test", [], "GET")).toEqual({ Vary: "Origin" });
  });
});
