import { createHmac } from "node:crypto";
import { hkdf } from "@panva/hkdf";
import { EncryptJWT } from "jose";
import { decode as authDecode, encode as authEncode } from "next-auth/jwt";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// SECURITY.md items 6–8 and 10: what the session cookie decoder refuses, checked at the decoder and
// through Auth.js's own session endpoint (the path every auth() call takes) in stateless jwt mode.

const OLD = "the-old-secret-that-is-long-enough-0123456789";
const NEW = "the-new-secret-that-is-long-enough-9876543210";
const SALT = "authjs.session-token";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
// As the app issues them: signed in and checked just now, so a read needs no database (lib/auth/freshness.ts).
const claims = () => ({
  sub: "user-1",
  name: "Ada",
  email: "ada@example.test",
  role: "USER" as const,
  authTime: now(),
  checkedAt: now(),
  sid: "s",
});

async function load(env: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("AUTH_SESSION_STRATEGY", "jwt");
  vi.stubEnv("AUTH_JWT_REVOCATION", "off");
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const jwt = await import("./jwt");
  const { buildAuthConfig } = await import("./config");
  const { Auth } = await import("@auth/core");
  const config = { ...buildAuthConfig(), basePath: "/api/auth" };
  /** One session check, as auth() runs it: the session (or null) and the cookie Auth.js sets back. */
  const check = async (value: string) => {
    const response = await Auth(new Request("http://localhost/api/auth/session", { headers: { cookie: `${SALT}=${value}` } }), config);
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SALT}=`)) ?? "";
    return { status: response.status, session: (await response.json()) as { user?: { id?: string } } | null, setCookie };
  };
  return { jwt, check };
}

/** A token encrypted with the key Auth.js would derive from `secret`, but with a header of our choosing. */
async function craft(header: Record<string, unknown>, secret = OLD, keyLength = 64) {
  const key = await hkdf("sha256", secret, SALT, `Auth.js Generated Encryption Key (${SALT})`, keyLength);
  return new EncryptJWT(claims())
    .setProtectedHeader(header as { alg: string; enc: string })
    .setIssuedAt()
    .setExpirationTime("1h")
    .encrypt(key);
}

function expectSignedOutCleanly(result: { status: number; session: unknown; setCookie: string }) {
  expect(result.status).toBe(200);
  expect(result.session).toBeNull();
  // The broken cookie is cleared, not left to fail on every request.
  expect(result.setCookie).toMatch(/^authjs\.session-token=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
}

// The first import of Auth.js and the app's configuration is slow on a busy machine.
beforeAll(() => load({ AUTH_SECRET: OLD }), 60_000);
beforeEach(() => vi.spyOn(console, "error").mockImplementation(() => {}));
afterEach(() => vi.unstubAllEnvs());

describe("the session token decoder", () => {
  it("accepts the tokens it issues", async () => {
    const { jwt, check } = await load({ AUTH_SECRET: OLD });
    const token = await jwt.encodeSessionToken({ token: claims(), salt: SALT });
    expect((await check(token)).session?.user?.id).toBe("user-1");
  });

  it("signs out cleanly on a tampered token (one ciphertext character changed)", async () => {
    const { jwt, check } = await load({ AUTH_SECRET: OLD });
    const parts = (await jwt.encodeSessionToken({ token: claims(), salt: SALT })).split(".");
    const ciphertext = parts[3] ?? "";
    const middle = Math.floor(ciphertext.length / 2);
    parts[3] = `${ciphertext.slice(0, middle)}${ciphertext[middle] === "A" ? "B" : "A"}${ciphertext.slice(middle + 1)}`;
    expectSignedOutCleanly(await check(parts.join(".")));
  });

  it("refuses alg none, an HS256 JWS and a token under a foreign key", async () => {
    const { check } = await load({ AUTH_SECRET: OLD });
    const payload = b64({ ...claims(), exp: now() + 3600 });
    expectSignedOutCleanly(await check(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`));
    const signingInput = `${b64({ alg: "HS256", typ: "JWT" })}.${payload}`;
    expectSignedOutCleanly(await check(`${signingInput}.${createHmac("sha256", OLD).update(signingInput).digest("base64url")}`));
    expectSignedOutCleanly(
      await check(await authEncode({ token: claims(), secret: "someone-elses-secret-that-is-long-enough", salt: SALT })),
    );
  });

  it("refuses other algorithms and key-carrying headers even when the token decrypts under the right key", async () => {
    const { jwt, check } = await load({ AUTH_SECRET: OLD });
    const gcm = await craft({ alg: "dir", enc: "A256GCM" }, OLD, 32);
    // Auth.js's decoder alone accepts this one: the app's stricter header check is what refuses it.
    expect(await authDecode({ token: gcm, secret: OLD, salt: SALT })).toMatchObject({ sub: "user-1" });
    expect(await jwt.decodeSessionToken({ token: gcm, salt: SALT })).toBeNull();
    expectSignedOutCleanly(await check(gcm));
    const withJwk = await craft({ alg: "dir", enc: "A256CBC-HS512", jwk: { kty: "oct", k: "AAAA" } });
    expect(await authDecode({ token: withJwk, secret: OLD, salt: SALT })).toMatchObject({ sub: "user-1" });
    expectSignedOutCleanly(await check(withJwk));
    expectSignedOutCleanly(await check(await craft({ alg: "dir", enc: "A256CBC-HS512", jku: "https://evil.example/keys" })));
    const kw = await new EncryptJWT(claims())
      .setProtectedHeader({ alg: "A128KW", enc: "A256CBC-HS512" })
      .encrypt(new Uint8Array(16).fill(7));
    expectSignedOutCleanly(await check(kw));
  });

  it("refuses an expired token, including inside jose's 15-second clock tolerance", async () => {
    const { jwt, check } = await load({ AUTH_SECRET: OLD });
    expectSignedOutCleanly(await check(await jwt.encodeSessionToken({ token: claims(), salt: SALT, maxAge: -60 })));
    const justExpired = await jwt.encodeSessionToken({ token: claims(), salt: SALT, maxAge: -5 });
    expect(await jwt.decodeSessionToken({ token: justExpired, salt: SALT }), "jose alone still accepts it").not.toBeNull();
    expectSignedOutCleanly(await check(justExpired));
  });
});

describe("secret rotation (AUTH_SECRET_1..3)", () => {
  it("keeps old tokens working, issues new ones under the new secret, and drops old ones once the old secret goes", async () => {
    const before = await load({ AUTH_SECRET: OLD });
    const oldToken = await before.jwt.encodeSessionToken({ token: claims(), salt: SALT });

    const rotating = await load({ AUTH_SECRET: OLD, AUTH_SECRET_1: NEW });
    expect((await rotating.check(oldToken)).session?.user?.id).toBe("user-1");
    const newToken = await rotating.jwt.encodeSessionToken({ token: claims(), salt: SALT });
    expect(await authDecode({ token: newToken, secret: NEW, salt: SALT })).toMatchObject({ sub: "user-1" });
    await expect(authDecode({ token: newToken, secret: OLD, salt: SALT })).rejects.toThrow();
    // The re-issued cookie of an old session is under the new secret too.
    const reissued = /^authjs\.session-token=([^;]+)/.exec((await rotating.check(oldToken)).setCookie)?.[1] ?? "";
    expect(await authDecode({ token: reissued, secret: NEW, salt: SALT })).toMatchObject({ sub: "user-1" });

    const after = await load({ AUTH_SECRET: NEW });
    expectSignedOutCleanly(await after.check(oldToken));
    expect((await after.check(newToken)).session?.user?.id).toBe("user-1");
  });
});

describe("the process's cache of accepted tokens", () => {
  it("keeps a token once accepted, but not inside withoutTokenCache, nor with AUTH_SESSION_CACHE_TTL_MS=0", async () => {
    const { jwt } = await load({ AUTH_SECRET: OLD });
    const token = await authEncode({ token: claims(), secret: OLD, salt: SALT });
    jwt.verifiedTokens()?.clear();
    expect(await jwt.withoutTokenCache(async () => jwt.decodeSessionTokenNow(token, SALT))).toMatchObject({ sub: "user-1" });
    expect(jwt.verifiedTokens()?.size).toBe(0);
    expect(jwt.decodeSessionTokenNow(token, SALT)).toMatchObject({ sub: "user-1" });
    expect(jwt.verifiedTokens()?.size).toBe(1);
    expect(await jwt.withoutTokenCache(async () => jwt.verifiedTokens())).toBeUndefined();

    const off = await load({ AUTH_SECRET: OLD, AUTH_SESSION_CACHE_TTL_MS: "0" });
    expect(off.jwt.verifiedTokens()).toBeUndefined();
    expect(off.jwt.decodeSessionTokenNow(token, SALT)).toMatchObject({ sub: "user-1" });
  });
});
