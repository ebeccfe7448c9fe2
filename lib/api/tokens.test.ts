import { createHmac, generateKeyPairSync } from "node:crypto";
import { exportJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { jwks, signingKeys } from "./keys";
import { parseScope } from "./scopes";
import { ACCESS_TOKEN_TTL_SECONDS, audienceOf, issuerOf, signAccessToken, verifyAccessToken, type TokenSettings } from "./tokens";

// Access tokens as another service sees them: only a token this app signed, for this audience, with
// its own key named by kid, verifies. Each hostile token below is refused, and for the reason given.

const OLD_SECRET = "an-older-secret-that-is-long-enough-0123456789";
const NEW_SECRET = "a-newer-secret-that-is-long-enough-9876543210xyz";
const issuer = issuerOf("https://app.example.test/some/path");
const settings: TokenSettings = { secrets: [OLD_SECRET], issuer, audience: audienceOf(issuer) };
const claims = { sub: "user-1", sid: "family-1", scope: parseScope("profile onboarding") ?? [] };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
const payload = () => ({
  iss: settings.issuer,
  aud: settings.audience,
  sub: "user-1",
  sid: "family-1",
  scope: "profile",
  jti: "j",
  iat: now(),
  exp: now() + 600,
});

async function reason(token: string, with_: TokenSettings = settings): Promise<string> {
  const result = await verifyAccessToken(with_, token);
  return result.ok ? "accepted" : result.reason;
}

describe("keys", () => {
  it("derives the same Ed25519 key from the same secret (every instance agrees) and a different one per secret", async () => {
    const [a] = await signingKeys([OLD_SECRET]);
    const [b, c] = await signingKeys([OLD_SECRET, NEW_SECRET]);
    expect(a?.kid).toBe(b?.kid);
    expect(c?.kid).not.toBe(a?.kid);
    expect(a?.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
  });

  it("publishes public keys only, one per configured secret", async () => {
    const set = await jwks([NEW_SECRET, OLD_SECRET]);
    expect(set.keys).toHaveLength(2);
    for (const key of set.keys) expect(key).not.toHaveProperty("d");
  });
});

describe("verifyAccessToken", () => {
  it("accepts its own token with the claims it was given", async () => {
    const { token, expiresIn } = await signAccessToken(settings, claims);
    expect(expiresIn).toBe(ACCESS_TOKEN_TTL_SECONDS);
    const result = await verifyAccessToken(settings, token);
    expect(result).toMatchObject({ ok: true, claims: { sub: "user-1", sid: "family-1", scope: ["profile", "onboarding"] } });
    const issued = result.ok ? result.claims : null;
    expect((issued?.exp ?? 0) - (issued?.iat ?? 0)).toBe(15 * 60);
  });

  it("keeps verifying tokens of the old key after a rotation, and signs with the new one", async () => {
    const { token: old } = await signAccessToken(settings, claims);
    const rotated = { ...settings, secrets: [NEW_SECRET, OLD_SECRET] };
    expect(await reason(old, rotated)).toBe("accepted");
    const { token: fresh } = await signAccessToken(rotated, claims);
    const [newKey] = await signingKeys([NEW_SECRET]);
    expect(JSON.parse(Buffer.from(fresh.split(".")[0] ?? "", "base64url").toString()).kid).toBe(newKey?.kid);
    // Once the old secret is removed, its tokens no longer verify.
    expect(await reason(old, { ...settings, secrets: [NEW_SECRET] })).toBe("unknown kid");
  });

  it("refuses alg none", async () => {
    const [key] = await signingKeys([OLD_SECRET]);
    const token = `${b64({ alg: "none", typ: "at+jwt", kid: key?.kid })}.${b64(payload())}.`;
    expect(await reason(token)).toMatch(/malformed|algorithm none refused/);
    expect(await reason(`${token}AAAA`)).toBe("algorithm none refused");
  });

  it("refuses HS256 signed with the public key as the HMAC secret", async () => {
    const [key] = await signingKeys([OLD_SECRET]);
    const input = `${b64({ alg: "HS256", typ: "at+jwt", kid: key?.kid })}.${b64(payload())}`;
    const publicPem = key?.publicKey.export({ type: "spki", format: "pem" }) ?? "";
    const signature = createHmac("sha256", publicPem).update(input).digest("base64url");
    expect(await reason(`${input}.${signature}`)).toBe("algorithm HS256 refused");
  });

  it("refuses a wrong audience, a wrong issuer and an expired token", async () => {
    const other = { ...settings, issuer: "https://other.example.test" };
    const { token: wrongIss } = await signAccessToken({ ...other, audience: settings.audience }, claims);
    expect(await reason(wrongIss)).toBe("ERR_JWT_CLAIM_VALIDATION_FAILED");
    const { token: wrongAud } = await signAccessToken({ ...settings, audience: "https://other.example.test/api" }, claims);
    expect(await reason(wrongAud)).toBe("ERR_JWT_CLAIM_VALIDATION_FAILED");
    const { token: expired } = await signAccessToken(settings, claims, now() - ACCESS_TOKEN_TTL_SECONDS - 60);
    expect(await reason(expired)).toBe("expired");
  });

  it("refuses a token signed by a foreign key, whether it names our kid or its own", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const [ours] = await signingKeys([OLD_SECRET]);
    const sign = (header: Record<string, unknown>) =>
      new SignJWT(payload()).setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", ...header }).sign(privateKey);
    expect(await reason(await sign({ kid: "foreign-kid" }))).toBe("unknown kid");
    expect(await reason(await sign({ kid: ours?.kid }))).toBe("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    const jwk = await exportJWK(publicKey);
    expect(await reason(await sign({ kid: ours?.kid, jwk }))).toBe("header jwk refused");
    expect(await reason(await sign({ kid: ours?.kid, jku: "https://evil.example/jwks.json" }))).toBe("header jku refused");
    expect(await reason(await sign({ kid: ours?.kid, x5u: "https://evil.example/cert.pem" }))).toBe("header x5u refused");
  });

  it("refuses a token of the right key but another type, and missing claims", async () => {
    const [key] = await signingKeys([OLD_SECRET]);
    if (!key) throw new Error("no key");
    const idToken = await new SignJWT(payload()).setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: key.kid }).sign(key.privateKey);
    expect(await reason(idToken)).toBe("ERR_JWT_CLAIM_VALIDATION_FAILED");
    const { sid: _sid, ...withoutSid } = payload();
    const noSid = await new SignJWT(withoutSid).setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: key.kid }).sign(key.privateKey);
    expect(await reason(noSid)).toBe("ERR_JWT_CLAIM_VALIDATION_FAILED");
    const badScope = await new SignJWT({ ...payload(), scope: "admin" })
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: key.kid })
      .sign(key.privateKey);
    expect(await reason(badScope)).toBe("invalid scope claim");
  });

  it("refuses garbage without throwing", async () => {
    for (const token of ["", "a.b", "a.b.c", "x".repeat(5000), "ey.ey.ey", `${b64("not an object")}.${b64({})}.sig`]) {
      expect(await reason(token)).not.toBe("accepted");
    }
  });
});
