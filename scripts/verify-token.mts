// `npm run api:verify -- --url http://localhost:3000 <access token>`: what another service does with an
// access token when all it has is the app's JWKS — no database, no secret. It pins the algorithm, issuer
// and audience, takes keys by kid from the fetched JWKS only, and prints the claims. It cannot know that
// the sign-in was revoked: the token stays valid here until `exp` (docs/api.md).
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from "jose";
import { audienceOf } from "../lib/api/tokens";

const REFUSED_HEADERS = ["jku", "jwk", "x5u", "x5c", "crit"];

function usage(): never {
  console.error("usage: npm run api:verify -- --url <app url> [--issuer <iss>] <access token>");
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  args.splice(index, 2);
  return value;
};
const url = option("--url") ?? "http://localhost:3000";
if (!URL.canParse(url)) usage();
const issuer = option("--issuer") ?? new URL(url).origin;
const token = args[0];
if (!token) usage();

const response = await fetch(new URL("/.well-known/jwks.json", url));
if (!response.ok) {
  console.error(`[verify] could not fetch the JWKS from ${url}: HTTP ${response.status}`);
  process.exit(1);
}
const keySet = (await response.json()) as JSONWebKeySet;
try {
  const header = decodeProtectedHeader(token);
  const refused = REFUSED_HEADERS.find((name) => name in header);
  if (refused) throw new Error(`header ${refused} refused: keys come from the JWKS only`);
  const { payload } = await jwtVerify(token, createLocalJWKSet(keySet), {
    algorithms: ["EdDSA"],
    issuer,
    audience: audienceOf(issuer),
    typ: "at+jwt",
    requiredClaims: ["sub", "sid", "exp", "iat", "jti"],
  });
  const left = Math.max(0, Number(payload.exp) - Math.floor(Date.now() / 1000));
  console.log(`[verify] valid: signed by kid ${String(header.kid)} from ${keySet.keys.length} key(s) in the JWKS`);
  console.log(`[verify] sub=${String(payload.sub)} sid=${String(payload.sid)} scope="${String(payload.scope)}"`);
  console.log(`[verify] expires in ${left} s. This verifier has no database: a revoked sign-in still verifies here until then.`);
} catch (error) {
  const reason = error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : "invalid";
  console.error(`[verify] refused: ${reason}`);
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss")
    console.error(
      `[verify] the app's issuer is its AUTH_URL origin, or "urn:auth-modes" when AUTH_URL is unset (as under npm run dev): pass --issuer if it is not ${issuer}`,
    );
  process.exitCode = 1;
}
