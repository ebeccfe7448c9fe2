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

function parseJsonObject(bytes: Uint8Array, what: string): { parsed: Record<string, unknown>; text: string } {
  let text: string;
  let parsed: unknown;
  try {
    text = strictUtf8.decode(bytes);
    parsed = JSON.parse(text);
  } catch {
    throw new JweRefused(`${what} is not JSON`);
  }
  if (!isPlainObject(parsed)) throw new JweRefused(`${what} is not a JSON object`);
  return { parsed, text };
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

/** What decrypting a token found: its header, and its claims as the JSON they decrypted to. */
type Decrypted = { header: Record<string, unknown>; claimsJson: string };

/**
 * Tokens this process has authenticated and decrypted, by cookie name and token, with their header and
 * the claims' JSON: what a token's bytes say under a set of secrets never changes, so a token seen
 * before is not decrypted again. Only the cryptography and the header rules are skipped; the time claims
 * and the replicated claims are checked on every call, and every caller gets claims parsed afresh. Only
 * accepted tokens are kept (a refused one costs its full decode each time, so garbage cannot fill the
 * map), at most `limit` of them, the oldest dropped first; a different list of secrets empties it.
 * Under load, the decrypt and the MAC cost the proxy about 50 µs a page load (OpenSSL's cipher and HMAC
 * set-up dominate), against about 1 µs for the lookup.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Decrypted>();
  private secrets = "";

  constructor(readonly limit: number) {}

  get(salt: string, secrets: readonly string[], token: string): Decrypted | undefined {
    if (this.entries.size === 0) return undefined;
    if (secrets.join("\n") !== this.secrets) {
      this.entries.clear();
      return undefined;
    }
    return this.entries.get(`${salt}\n${token}`);
  }

  set(salt: string, secrets: readonly string[], token: string, decrypted: Decrypted): void {
    const signature = secrets.join("\n");
    if (signature !== this.secrets) {
      this.entries.clear();
      this.secrets = signature;
    }
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(`${salt}\n${token}`, decrypted);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
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
  /** Tokens accepted before, not decrypted again (lib/auth/jwt.ts passes the process's); none by default. */
  verified?: VerifiedTokens;
};

/** The claims of a session token, or JweRefused for any token Auth.js's decode (with this app's header rules) would refuse. */
export function decodeJwe({ token, secrets, salt, now = Math.floor(Date.now() / 1000), verified }: DecodeJweParams): JweClaims {
  const known = verified?.get(salt, secrets, token);
  if (known) {
    const claims = JSON.parse(known.claimsJson) as Record<string, unknown>;
    checkTimes(claims, now);
    checkReplicatedClaims(known.header, claims);
    return claims;
  }
  const { header, claims, claimsJson } = decryptJwe(token, secrets, salt);
  checkTimes(claims, now);
  checkReplicatedClaims(header, claims);
  verified?.set(salt, secrets, token, { header, claimsJson });
  return claims;
}

/** Everything about a token that does not depend on the time: its header, its tag, its plaintext. */
function decryptJwe(token: string, secrets: readonly string[], salt: string): Decrypted & { claims: Record<string, unknown> } {
  const parts = token.split(".");
  if (parts.length !== 5) throw new JweRefused("not a compact JWE");
  const [encodedHeader = "", encryptedKey, encodedIv, encodedCiphertext = "", encodedTag] = parts;
  const header = parseJsonObject(decodeSegment(encodedHeader, "header"), "header").parsed;
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
  const { parsed: claims, text: claimsJson } = parseJsonObject(plaintext, "claims");
  return { header, claims, claimsJson };
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
