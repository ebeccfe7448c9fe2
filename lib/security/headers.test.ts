import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./headers";

describe("security headers", () => {
  it("creates a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("allows scripts only with the nonce, forbids framing and plugins, and relaxes eval only in development", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("abc123", { development: true })).toContain("'unsafe-eval'");
    expect(securityHeaders(csp)).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
    expect(securityHeaders(csp)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders(csp, { https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
  });
});
