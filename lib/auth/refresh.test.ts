import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// proxy.ts hands a page load to Auth.js to re-issue a JWT when this says so; it must decide from the
// token's `checkedAt` (when the user was last read), not from `iat`, which every read of
// /api/auth/session renews.

const SALT = "authjs.session-token";
const UPDATE_AGE = 60;

async function load() {
  vi.resetModules();
  vi.stubEnv("AUTH_SESSION_STRATEGY", "jwt");
  vi.stubEnv("AUTH_JWT_REVOCATION", "off");
  vi.stubEnv("AUTH_SESSION_UPDATE_AGE", String(UPDATE_AGE));
  vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  const [{ proxyRefreshDue }, { encodeSessionToken }] = await Promise.all([import("./refresh"), import("./jwt")]);
  const cookieFor = async (claims: Record<string, unknown>) => [{ name: SALT, value: await encodeSessionToken({ token: { sub: "user-1", ...claims }, salt: SALT }) }];
  return { proxyRefreshDue, cookieFor };
}

describe("proxyRefreshDue (jwt modes)", () => {
  let now: number;
  let nowS: number;
  beforeEach(() => {
    now = Date.now();
    nowS = Math.floor(now / 1000);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("a token just re-encoded (fresh iat) whose user was read the update age ago is due", async () => {
    const { proxyRefreshDue, cookieFor } = await load();
    expect(await proxyRefreshDue(await cookieFor({ checkedAt: nowS - UPDATE_AGE }), now)).toBe(true);
  });

  it("a token whose user was read less than the update age ago is not due, and becomes due once it is", async () => {
    const { proxyRefreshDue, cookieFor } = await load();
    const cookies = await cookieFor({ checkedAt: nowS });
    expect(await proxyRefreshDue(cookies, now)).toBe(false);
    expect(await proxyRefreshDue(cookies, (nowS + UPDATE_AGE - 1) * 1000)).toBe(false);
    expect(await proxyRefreshDue(cookies, (nowS + UPDATE_AGE) * 1000)).toBe(true);
  });

  it("a token without checkedAt is due; an unreadable one is handed on to be cleared; no cookie, nothing to do", async () => {
    const { proxyRefreshDue, cookieFor } = await load();
    expect(await proxyRefreshDue(await cookieFor({}), now)).toBe(true);
    expect(await proxyRefreshDue([{ name: SALT, value: "not-a-token" }], now)).toBe(true);
    expect(await proxyRefreshDue([], now)).toBe(false);
  });
});
