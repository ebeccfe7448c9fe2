import { describe, expect, it } from "vitest";
import { requestMetaFrom } from "./request-meta";

describe("requestMetaFrom", () => {
  it("takes the address the nearest proxy appended, not what the client claimed, and the user agent", () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.7", "user-agent": "Mozilla/5.0" });
    expect(requestMetaFrom(headers)).toEqual({ ip: "203.0.113.7", userAgent: "Mozilla/5.0" });
    expect(requestMetaFrom(new Headers({ "x-forwarded-for": "203.0.113.9" })).ip).toBe("203.0.113.9");
  });

  it("bounds what it keeps and tolerates missing headers", () => {
    expect(requestMetaFrom(new Headers())).toEqual({ ip: null, userAgent: null });
    const long = requestMetaFrom(new Headers({ "user-agent": "x".repeat(5000) }));
    expect(long.userAgent).toHaveLength(512);
  });
});
