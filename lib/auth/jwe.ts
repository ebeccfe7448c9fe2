import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from "node:crypto";
import { inflateRawSync } from "node:zlib";

// The session JWE on node:crypto: the token Auth.js's `encode`/`decode` (@auth/core/jwt.js, on jose)
// write and read, with the derived keys cached instead of derived again on every call. Byte-compatible
// both ways (lib/auth/jwe.test.ts decodes each side's tokens with the other, and runs a table of
// broken tokens through both).
//
// What Auth.js does, and so what this does:
// - key: HKDF-SHA256(secret, salt = cookie name, info = "Auth.js Generated Encryption Key (<salt>)"),
//   64 bytes for A256CBC-HS512: the first half the HMAC-SHA-512 key, the second the AES-256-CBC key.
// - header {"alg":"dir","enc":"A256CBC-HS512","kid":<RFC 7638 thumbprint of the key, SHA-512>};
//   claims: the token, then iat, exp = now + maxAge, and a random jti.
// - decode picks the key by `kid` among the secrets, newest first; a token without `kid` is tried
//   under the newest secret only (jose asks the key once). Claims: `exp` refused 15 s after it passes,
//   `nbf` more than 15 s ahead refused; `iat`, `nbf`, `exp` must be numbers when present; `iss`, `sub`,
//   `aud` repeated in the header must equal the claims. A `zip: "DEF"` payload is inflated (to 250,000
//   bytes at most), as jose does.
// - base64url as jose reads it on Node 20 (forgiving base64 after refusing "+" and "/"), and the header
//   and claims as strict UTF-8 JSON objects.
// This app's own rules on top (RFC 8725 §3.1–3.2): only `alg: dir` with `enc: A256CBC-HS512` (Auth.js
// alone also takes A256GCM), and no header that names its own key (`jwk`, `jku`, `x5u`, `x5c`) or
// demands an extension (`crit`, which jose refuses anyway).

export const SESSION_JWE = { alg: "dir", enc: "A256CBC-HS512" } as const;
const FORBIDDEN_HEADERS = ["jwk", "jku", "x5u", "x5c", "crit"] as const;
/** jose's clock tolerance, as Auth.js configures it. */
const CLOCK_TOLERANCE_SECONDS = 15;
/** jose's default limit on an inflated payload. */
const MAX_INFLATED_BYTES = 250_000;
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

export type JweClaims = Record<string, unknown>;

// The MAC key as a KeyObject: HMAC keyed from one is about twice as fast as from raw bytes.
type DerivedKey = { macKey: KeyObject; encKey: Buffer; kid: string };

// Per salt (cookie name), per secret. A handful of entries at most: two cookie names, four secrets.
const derived = new Map<string, Map<string, DerivedKey>>();
const MAX_CACHED_SALTS = 16;

function deriveKey(secret: string, salt: string): DerivedKey {
  let bySecret = derived.get(salt);
  const cached = bySecret?.get(secret);
  if (cached) return cached;
  if (!secret) throw new TypeError("A session secret must not be empty");
  const key = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
  // RFC 7638 thumbprint of {kty: "oct", k}: members in lexicographic order, no whitespace.
  const kid = createHash("sha512")
    .update(`{"k":"${key.toString("base64url")}","kty":"oct"}`)
    .digest("base64url");
  const entry = { macKey: createSecretKey(key.subarray(0, 32)), encKey: key.subarray(32), kid };
  if (!bySecret) {
    if (derived.size >= MAX_CACHED_SALTS) derived.clear();
    bySecret = new Map();
    derived.set(salt, bySecret);
  }
  bySecret.set(secret, entry);
  return entry;
}

/** Thrown by decodeJwe for every token it refuses; `reason` is for tests and logs, never for the user. */
export class JweRefused extends Error {
  constructor(readonly reason: string) {
    super(`Session token refused: ${reason}`);
    this.name = "JweRefused";
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/]*$/;

/** base64url as jose 6 decodes it on Node 20: "+" and "/" refused, then the WHATWG forgiving-base64 rules of atob. */
function decodeSegment(value: string, what: string): Buffer {
  if (BASE64URL.test(value)) {
    if (value.length % 4 === 1) throw new JweRefused(`${what} is not base64url`);
    return Buffer.from(value, "base64url");
  }
  if (value.includes("+") || value.includes("/")) throw new JweRefused(`${what} is not base64url`);
  let data = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .replace(/[\t\n\f\r ]/g, "");
  if (data.length % 4 === 0) data = data.replace(/==?$/, "");
  if (data.length % 4 === 1 || !BASE64.test(data)) throw new JweRefused(`${what} is not base64url`);
  return Buffer.from(data, "base64");
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Object.prototype.toString.call(value) !== "[object Object]") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    throw new JweRefused(`${what} is not JSON`);
  }
  if (!isPlainObject(parsed)) throw new JweRefused(`${what} is not a JSON object`);
  return parsed;
}

function tagOf(key: DerivedKey, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const length = Buffer.alloc(8);
  length.writeUInt32BE(aad.length * 8, 4);
  return createHmac("sha512", key.macKey).update(aad).update(iv).update(ciphertext).update(length).digest().subarray(0, 32);
}

function pickKey(kid: unknown, secrets: readonly string[], salt: string): DerivedKey {
  const [newest] = secrets;
  if (newest === undefined) throw new TypeError("No session secret configured");
  if (kid === undefined) return deriveKey(newest, salt);
  for (const secret of secrets) {
    const key = deriveKey(secret, salt);
    if (key.kid === kid) return key;
  }
  throw new JweRefused("no secret matches its kid");
}

function checkTimes(claims: Record<string, unknown>, now: number): void {
  for (const name of ["iat", "nbf", "exp"] as const) {
    if (claims[name] !== undefined && typeof claims[name] !== "number") throw new JweRefused(`${name} is not a number`);
  }
  if (typeof claims.nbf === "number" && claims.nbf > now + CLOCK_TOLERANCE_SECONDS) throw new JweRefused("not valid yet");
  if (typeof claims.exp === "number" && claims.exp <= now - CLOCK_TOLERANCE_SECONDS) throw new JweRefused("expired");
}

function checkReplicatedClaims(header: Record<string, unknown>, claims: Record<string, unknown>): void {
  for (const name of ["iss", "sub", "aud"] as const) {
    if (header[name] === undefined) continue;
    const same = name === "aud" ? JSON.stringify(header.aud) === JSON.stringify(claims.aud) : header[name] === claims[name];
    if (!same) throw new JweRefused(`the header's ${name} differs from the claims'`);
  }
}

export type DecodeJweParams = {
  token: string;
  /** Newest first: AUTH_SECRET_1, _2, _3, then AUTH_SECRET. */
  secrets: readonly string[];
  /** The session cookie's name. */
  salt: string;
  /** Seconds since the epoch; the clock by default. */
  now?: number;
};

/** The claims of a session token, or JweRefused for any token Auth.js's decode (with this app's header rules) would refuse. */
export function decodeJwe({ token, secrets, salt, now = Math.floor(Date.now() / 1000) }: DecodeJweParams): JweClaims {
  const parts = token.split(".");
  if (parts.length !== 5) throw new JweRefused("not a compact JWE");
  const [encodedHeader = "", encryptedKey, encodedIv, encodedCiphertext = "", encodedTag] = parts;
  const header = parseJsonObject(decodeSegment(encodedHeader, "header"), "header");
  if (header.alg !== SESSION_JWE.alg || header.enc !== SESSION_JWE.enc) throw new JweRefused("not alg dir with enc A256CBC-HS512");
  if (FORBIDDEN_HEADERS.some((name) => Object.hasOwn(header, name))) throw new JweRefused("a forbidden header parameter");
  if (header.zip !== undefined && header.zip !== "DEF") throw new JweRefused("unsupported zip");
  if (encryptedKey) throw new JweRefused("an encrypted key with alg dir");
  if (!encodedIv || !encodedTag) throw new JweRefused("no iv or tag");
  const iv = decodeSegment(encodedIv, "iv");
  const ciphertext = decodeSegment(encodedCiphertext, "ciphertext");
  const tag = decodeSegment(encodedTag, "tag");
  if (iv.length !== 16) throw new JweRefused("iv is not 16 bytes");
  const key = pickKey(header.kid, secrets, salt);
  // The header segment is authenticated as written (ASCII), not as decoded.
  const aad = Buffer.from(encodedHeader, "latin1");
  const expected = tagOf(key, aad, iv, ciphertext);
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new JweRefused("authentication tag mismatch");
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.encKey, iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new JweRefused("decryption failed");
  }
  if (header.zip === "DEF") {
    try {
      plaintext = inflateRawSync(plaintext, { maxOutputLength: MAX_INFLATED_BYTES });
    } catch {
      throw new JweRefused("could not inflate");
    }
  }
  const claims = parseJsonObject(plaintext, "claims");
  checkTimes(claims, now);
  checkReplicatedClaims(header, claims);
  return claims;
}

export type EncodeJweParams = {
  token: JweClaims;
  /** Tokens are issued under the first. */
  secrets: readonly string[];
  salt: string;
  /** Seconds; Auth.js's default is 30 days. */
  maxAge?: number;
  now?: number;
};

/** A session token as Auth.js's encode writes it: iat, exp = now + maxAge and a fresh jti added to the claims. */
export function encodeJwe({
  token,
  secrets,
  salt,
  maxAge = DEFAULT_MAX_AGE,
  now = Math.floor(Date.now() / 1000),
}: EncodeJweParams): string {
  const [newest] = secrets;
  if (newest === undefined) throw new TypeError("No session secret configured");
  const key = deriveKey(newest, salt);
  const header = Buffer.from(JSON.stringify({ alg: SESSION_JWE.alg, enc: SESSION_JWE.enc, kid: key.kid })).toString("base64url");
  const claims = { ...token, iat: now, exp: now + maxAge, jti: randomUUID() };
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final()]);
  const tag = tagOf(key, Buffer.from(header, "latin1"), iv, ciphertext);
  return `${header}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${tag.toString("base64url")}`;
}
