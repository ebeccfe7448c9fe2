import { randomBytes } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import { ACCESS_TOKEN_ALG, signingKeys } from "./keys";
import { parseScope, type Scope } from "./scopes";

// Access tokens (RFC 9068 profile): a JWS signed with Ed25519, 15 minutes. Verification pins the
// algorithm, issuer and audience and takes keys only from this app's own set, by kid: a token naming
// its own key (jwk), a key URL (jku, x5u), a certificate (x5c) or critical extensions (crit) is refused
// before any signature check (RFC 8725 §3.1–3.2).

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const ACCESS_TOKEN_TYPE = "at+jwt";
const REFUSED_HEADERS = ["jku", "jwk", "x5u", "x5c", "crit"] as const;
/** Clock skew tolerated on exp/iat between instances. */
const CLOCK_TOLERANCE_SECONDS = 5;

export type TokenSettings = { secrets: string[]; issuer: string; audience: string };

export type AccessClaims = { sub: string; sid: string; scope: Scope[]; jti: string; iat: number; exp: number };

export async function signAccessToken(
  settings: TokenSettings,
  claims: { sub: string; sid: string; scope: Scope[] },
  now: number = Math.floor(Date.now() / 1000),
): Promise<{ token: string; expiresIn: number }> {
  const [key] = await signingKeys(settings.secrets);
  if (!key) throw new Error("no signing key");
  const token = await new SignJWT({ sid: claims.sid, scope: claims.scope.join(" ") })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYPE, kid: key.kid })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(claims.sub)
    .setJti(randomBytes(16).toString("base64url"))
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
    .sign(key.privateKey);
  return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: string };

/** Checks an access token's form, header, signature and claims; never throws for a bad token. */
export async function verifyAccessToken(settings: TokenSettings, token: string, now?: Date): Promise<VerifyResult> {
  if (token.length > 4096 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: "malformed" };
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: "malformed header" };
  }
  if (header.alg !== ACCESS_TOKEN_ALG) return { ok: false, reason: `algorithm ${String(header.alg)} refused` };
  const refused = REFUSED_HEADERS.find((name) => name in header);
  if (refused) return { ok: false, reason: `header ${refused} refused` };
  const key = (await signingKeys(settings.secrets)).find((candidate) => candidate.kid === header.kid);
  if (!key) return { ok: false, reason: "unknown kid" };
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: settings.issuer,
      audience: settings.audience,
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ["sub", "sid", "jti", "iat", "exp", "scope"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(now ? { currentDate: now } : {}),
    });
    const { sub, sid, jti, iat, exp, scope } = payload;
    if (
      typeof sub !== "string" ||
      typeof sid !== "string" ||
      typeof jti !== "string" ||
      typeof iat !== "number" ||
      typeof exp !== "number"
    ) {
      return { ok: false, reason: "claims of the wrong type" };
    }
    const scopes = typeof scope === "string" ? parseScope(scope) : null;
    if (!scopes) return { ok: false, reason: "invalid scope claim" };
    return { ok: true, claims: { sub, sid, jti, iat, exp, scope: scopes } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JOSEError) return { ok: false, reason: error.code };
    return { ok: false, reason: "invalid" };
  }
}

/** An opaque refresh token: 256 bits from the CSPRNG, base64url. Only its SHA-256 is stored. */
export function generateRefreshToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The issuer is the app's public origin (AUTH_URL); without one, a fixed name that still pins the claim. */
export function issuerOf(authUrl: string | undefined): string {
  return authUrl && URL.canParse(authUrl) ? new URL(authUrl).origin : "urn:auth-modes";
}

/** The audience every access token names and every resource endpoint requires: this app's /api/v1. */
export function audienceOf(issuer: string): string {
  return issuer.startsWith("urn:") ? `${issuer}:api` : `${issuer}/api/v1`;
}
