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
  const [{ reissueDue }, { encodeSessionToken, decodeSessionTokenNow }] = await Promise.all([import("./refresh"), import("./jwt")]);
  /** A token as the cookie carries it: encoded, then decoded again. */
  const tokenWith = async (claims: Record<string, unknown>) => {
    const token = decodeSessionTokenNow(await encodeSessionToken({ token: { sub: "user-1", ...claims }, salt: SALT }), SALT);
    if (!token) throw new Error("the token did not decode");
    return token;
  };
  return { reissueDue, tokenWith };
}

describe("reissueDue (jwt modes)", () => {
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
    const { reissueDue, tokenWith } = await load();
    expect(reissueDue(await tokenWith({ checkedAt: nowS - UPDATE_AGE }), now)).toBe(true);
  });

  it("a token whose user was read less than the update age ago is not due, and becomes due once it is", async () => {
    const { reissueDue, tokenWith } = await load();
    const token = await tokenWith({ checkedAt: nowS });
    expect(reissueDue(token, now)).toBe(false);
    expect(reissueDue(token, (nowS + UPDATE_AGE - 1) * 1000)).toBe(false);
    expect(reissueDue(token, (nowS + UPDATE_AGE) * 1000)).toBe(true);
  });

  it("a token without checkedAt is due", async () => {
    const { reissueDue, tokenWith } = await load();
    expect(reissueDue(await tokenWith({}), now)).toBe(true);
  });
});
