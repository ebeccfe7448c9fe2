import { describe, expect, it } from "vitest";
import { clientIp, PEER_ADDRESS_HEADER, requestMetaFrom } from "./request-meta";

const PEER = "10.0.0.5"; // the balancer, or the client itself with no proxy in front

describe("clientIp with TRUSTED_PROXY_HOPS=0 (no proxy trusted)", () => {
  it("uses the connection's address and ignores X-Forwarded-For entirely", () => {
    const spoofed = new Headers({ [PEER_ADDRESS_HEADER]: PEER, "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" });
    expect(clientIp(spoofed, 0)).toBe(PEER);
    expect(clientIp(new Headers({ [PEER_ADDRESS_HEADER]: PEER }), 0)).toBe(PEER);
  });

  it("knows no address when the connection's is missing, rather than believing the client", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }), 0)).toBeNull();
  });
});

describe("clientIp with TRUSTED_PROXY_HOPS=1 (one balancer)", () => {
  it("takes the entry the balancer appended, never an earlier one the client supplied", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: PEER, "x-forwarded-for": "198.51.100.1, 192.0.2.44, 203.0.113.7" });
    expect(clientIp(headers, 1)).toBe("203.0.113.7");
    expect(clientIp(new Headers({ [PEER_ADDRESS_HEADER]: PEER, "x-forwarded-for": " 203.0.113.9 " }), 1)).toBe("203.0.113.9");
  });

  it("falls back to the connection's address when the request did not come through the balancer", () => {
    expect(clientIp(new Headers({ [PEER_ADDRESS_HEADER]: PEER }), 1)).toBe(PEER);
    expect(clientIp(new Headers({ [PEER_ADDRESS_HEADER]: PEER, "x-forwarded-for": " , " }), 1)).toBe(PEER);
  });
});

describe("clientIp with TRUSTED_PROXY_HOPS=2 (a CDN in front of the balancer)", () => {
  it("takes the second entry from the right, and the connection's address when there are too few", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: PEER, "x-forwarded-for": "198.51.100.1, 203.0.113.7, 192.0.2.10" });
    expect(clientIp(headers, 2)).toBe("203.0.113.7");
    expect(clientIp(new Headers({ [PEER_ADDRESS_HEADER]: PEER, "x-forwarded-for": "192.0.2.10" }), 2)).toBe(PEER);
  });
});

describe("requestMetaFrom", () => {
  it("returns the client IP for the given trust and the user agent", () => {
    const headers = new Headers({
      [PEER_ADDRESS_HEADER]: PEER,
      "x-forwarded-for": "198.51.100.1, 203.0.113.7",
      "user-agent": "Mozilla/5.0",
    });
    expect(requestMetaFrom(headers, 1)).toEqual({ ip: "203.0.113.7", userAgent: "Mozilla/5.0" });
    expect(requestMetaFrom(headers, 0)).toEqual({ ip: PEER, userAgent: "Mozilla/5.0" });
  });

  it("bounds what it keeps and tolerates missing headers", () => {
    expect(requestMetaFrom(new Headers(), 1)).toEqual({ ip: null, userAgent: null });
    const long = requestMetaFrom(new Headers({ "user-agent": "x".repeat(5000), "x-forwarded-for": "1".repeat(200) }), 1);
    expect(long.userAgent).toHaveLength(512);
    expect(long.ip).toHaveLength(64);
  });
});
