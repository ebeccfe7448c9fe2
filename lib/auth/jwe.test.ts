import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { hkdf } from "@panva/hkdf";
import fc from "fast-check";
import { CompactEncrypt, EncryptJWT } from "jose";
import { decode as authDecode, encode as authEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeJwe, encodeJwe, JweRefused, VerifiedTokens } from "./jwe";

// lib/auth/jwe.ts against Auth.js's own codec, side by side: tokens from each decode in the other, and
// every broken token is refused by ours exactly when the app's Auth.js decoder refuses it. That decoder
// (the app's before this codec) is Auth.js's `decode` behind a header check: `alg: dir` and
// `enc: A256CBC-HS512` only, no `jwk`, `jku`, `x5u`, `x5c` or `crit`.

const OLD = "the-old-secret-that-is-long-enough-0123456789";
const NEW = "the-new-secret-that-is-long-enough-9876543210";
const SALT = "authjs.session-token";
const now = () => Math.floor(Date.now() / 1000);

function referenceHeaderAccepted(token: string): boolean {
  if (token.split(".").length !== 5) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf(".")), "base64url").toString("utf8"));
    if (!header || typeof header !== "object" || Array.isArray(header)) return false;
    const fields = header as Record<string, unknown>;
    return (
      fields.alg === "dir" &&
      fields.enc === "A256CBC-HS512" &&
      ["jwk", "jku", "x5u", "x5c", "crit"].every((name) => !Object.hasOwn(fields, name))
    );
  } catch {
    return false;
  }
}

/** The app's decoder before lib/auth/jwe.ts: the claims, or null. */
async function reference(token: string, secrets: string[]): Promise<Record<string, unknown> | null> {
  if (!referenceHeaderAccepted(token)) return null;
  try {
    return (await authDecode({ token, secret: secrets, salt: SALT })) as Record<string, unknown> | null;
  } catch {
    return null;
  }
}

function attempt(decode: () => Record<string, unknown>): Record<string, unknown> | null {
  try {
    return decode();
  } catch (error) {
    if (error instanceof JweRefused) return null;
    throw error;
  }
}

// Every token in this file is decoded three ways: without the cache of accepted tokens, then twice
// through one cache shared by the whole file (so the second is a hit whenever the first accepted it, and
// a tampered copy of a token accepted earlier meets a cache that holds the original). All three must agree.
const shared = new VerifiedTokens(64);

function ours(token: string, secrets: string[]): Record<string, unknown> | null {
  const at = now();
  const plain = attempt(() => decodeJwe({ token, secrets, salt: SALT, now: at }));
  const first = attempt(() => decodeJwe({ token, secrets, salt: SALT, now: at, verified: shared }));
  const again = attempt(() => decodeJwe({ token, secrets, salt: SALT, now: at, verified: shared }));
  expect(first, "through the cache").toEqual(plain);
  expect(again, "from the cache").toEqual(plain);
  return plain;
}

async function expectSameVerdict(token: string, secrets: string[], label: string) {
  const theirs = await reference(token, secrets);
  const mine = ours(token, secrets);
  expect(mine, label).toEqual(theirs);
  return mine;
}

const key = (secret = OLD, length = 64) => hkdf("sha256", secret, SALT, `Auth.js Generated Encryption Key (${SALT})`, length);

/** A token under Auth.js's key for `secret`, with a header and claims of our choosing (jose, not our codec). */
async function craft(header: Record<string, unknown>, claims: Record<string, unknown> = { sub: "u" }, secret = OLD, keyLength = 64) {
  return new EncryptJWT(claims).setProtectedHeader(header as { alg: string; enc: string }).encrypt(await key(secret, keyLength));
}

async function craftRaw(header: Record<string, unknown>, plaintext: Uint8Array, secret = OLD) {
  return new CompactEncrypt(plaintext).setProtectedHeader(header as { alg: string; enc: string }).encrypt(await key(secret));
}

/** For headers jose will not encrypt under (an unknown zip): RFC 7518 §5.2 by hand. */
async function encryptByHand(header: Record<string, unknown>, plaintext: Buffer) {
  const cek = Buffer.from(await key());
  const encodedHeader = Buffer.from(JSON.stringify(header)).toString("base64url");
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", cek.subarray(32), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(encodedHeader.length * 8));
  const tag = createHmac("sha512", cek.subarray(0, 32))
    .update(encodedHeader)
    .update(iv)
    .update(ciphertext)
    .update(al)
    .digest()
    .subarray(0, 32);
  return [encodedHeader, "", iv, ciphertext, tag].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

const progress = (bytes: number) => ({ formId: "f", step: 3, data: { notes: "x".repeat(bytes) } });
const claimsOf = (extra: Record<string, unknown> = {}) => ({
  sub: "user-1",
  name: "Ada",
  email: "ada@example.test",
  role: "USER",
  authTime: now(),
  checkedAt: now(),
  sid: "abc",
  ...extra,
});

describe("interoperability with Auth.js's encode and decode", () => {
  it.each([0, 1, 100, 1_000, 2_500, 6_000])(
    "decodes Auth.js's tokens, and Auth.js decodes ours, with %i bytes of progress",
    async (bytes) => {
      const token = claimsOf({ progress: progress(bytes), name: "Ådá — 名前 🙂" });
      const fromAuthJs = await authEncode({ token, secret: OLD, salt: SALT, maxAge: 3600 });
      expect(ours(fromAuthJs, [OLD])).toEqual(await authDecode({ token: fromAuthJs, secret: OLD, salt: SALT }));
      const fromUs = encodeJwe({ token, secrets: [OLD], salt: SALT, maxAge: 3600 });
      const decoded = await authDecode({ token: fromUs, secret: OLD, salt: SALT });
      expect(decoded).toEqual({ ...token, iat: expect.any(Number), exp: expect.any(Number), jti: expect.any(String) });
      expect(decoded?.exp).toBe((decoded?.iat ?? 0) + 3600);
      expect(ours(fromUs, [OLD])).toEqual(decoded);
    },
  );

  it("writes the header Auth.js writes, kid included", async () => {
    const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()) as unknown;
    const fromAuthJs = await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT });
    expect(header(encodeJwe({ token: { sub: "u" }, secrets: [OLD], salt: SALT }))).toEqual(header(fromAuthJs));
    expect(fromAuthJs.split(".")[1]).toBe("");
  });

  it("keeps any claim values Auth.js keeps (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !["iat", "exp", "jti", "nbf", "__proto__"].includes(k)),
          fc.jsonValue(),
          { maxKeys: 6 },
        ),
        async (claims) => {
          const fromUs = encodeJwe({ token: claims, secrets: [OLD], salt: SALT });
          const fromAuthJs = await authEncode({ token: claims, secret: OLD, salt: SALT });
          expect(await authDecode({ token: fromUs, secret: OLD, salt: SALT })).toEqual(ours(fromUs, [OLD]));
          expect(ours(fromAuthJs, [OLD])).toEqual(await authDecode({ token: fromAuthJs, secret: OLD, salt: SALT }));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("secret rotation (AUTH_SECRET_1..3, newest first)", () => {
  it("reads old tokens while the old secret is listed, issues under the newest, and refuses once it goes", async () => {
    const oldToken = encodeJwe({ token: { sub: "u" }, secrets: [OLD], salt: SALT });
    expect(await expectSameVerdict(oldToken, [NEW, OLD], "old token while rotating")).toMatchObject({ sub: "u" });
    expect(await expectSameVerdict(oldToken, [NEW], "old token after rotation")).toBeNull();
    const newToken = encodeJwe({ token: { sub: "u" }, secrets: [NEW, OLD], salt: SALT });
    expect(await authDecode({ token: newToken, secret: NEW, salt: SALT })).toMatchObject({ sub: "u" });
    expect(await expectSameVerdict(newToken, [OLD], "new token under the old secret alone")).toBeNull();
    const third = "a-third-secret-that-is-long-enough-abcdefghij";
    const thirdToken = await authEncode({ token: { sub: "u" }, secret: third, salt: SALT });
    expect(await expectSameVerdict(thirdToken, [NEW, OLD, third], "the third of three secrets")).toMatchObject({ sub: "u" });
  });

  it("tries a token without kid under the newest secret only, as Auth.js does", async () => {
    const underNewest = await craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u" }, NEW);
    expect(await expectSameVerdict(underNewest, [NEW, OLD], "no kid, newest secret")).toMatchObject({ sub: "u" });
    const underOlder = await craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u" }, OLD);
    expect(await expectSameVerdict(underOlder, [NEW, OLD], "no kid, older secret")).toBeNull();
  });
});

describe("what both refuse and accept (a table, each row through both decoders)", () => {
  const t = now();
  const cases: [string, () => Promise<string>, "accept" | "refuse"][] = [
    ["a valid token", () => authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), "accept"],
    ["another secret's token", () => authEncode({ token: { sub: "u" }, secret: NEW, salt: SALT }), "refuse"],
    ["another salt's token", () => authEncode({ token: { sub: "u" }, secret: OLD, salt: "__Host-authjs.session-token" }), "refuse"],
    ["expired a minute ago", () => authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT, maxAge: -60 }), "refuse"],
    ["expired 20 s ago", () => craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u", exp: t - 20 }), "refuse"],
    [
      "expired 10 s ago (inside the 15 s tolerance)",
      () => craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u", exp: t - 10 }),
      "accept",
    ],
    ["not before a minute from now", () => craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u", nbf: t + 60 }), "refuse"],
    ["not before 10 s from now", () => craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u", nbf: t + 10 }), "accept"],
    [
      "exp as a string",
      () => craftRaw({ alg: "dir", enc: "A256CBC-HS512" }, Buffer.from(JSON.stringify({ sub: "u", exp: String(t + 60) }))),
      "refuse",
    ],
    [
      "iat as a string",
      () => craftRaw({ alg: "dir", enc: "A256CBC-HS512" }, Buffer.from(JSON.stringify({ sub: "u", iat: "now" }))),
      "refuse",
    ],
    ["claims that are an array", () => craftRaw({ alg: "dir", enc: "A256CBC-HS512" }, Buffer.from("[1,2]")), "refuse"],
    ["claims that are not UTF-8", () => craftRaw({ alg: "dir", enc: "A256CBC-HS512" }, Buffer.from([0x7b, 0xff, 0x7d])), "refuse"],
    ["no exp at all", () => craft({ alg: "dir", enc: "A256CBC-HS512" }, { sub: "u" }), "accept"],
    ["enc A256GCM (Auth.js alone takes it)", () => craft({ alg: "dir", enc: "A256GCM" }, { sub: "u" }, OLD, 32), "refuse"],
    ["a jwk header", () => craft({ alg: "dir", enc: "A256CBC-HS512", jwk: { kty: "oct", k: "AAAA" } }), "refuse"],
    ["a jku header", () => craft({ alg: "dir", enc: "A256CBC-HS512", jku: "https://evil.example/k" }), "refuse"],
    ["an x5u header", () => craft({ alg: "dir", enc: "A256CBC-HS512", x5u: "https://evil.example/c" }), "refuse"],
    ["an unknown header parameter", () => craft({ alg: "dir", enc: "A256CBC-HS512", typ: "JWT", foo: 1 }), "accept"],
    ["a kid of no secret", () => craft({ alg: "dir", enc: "A256CBC-HS512", kid: "nobody" }), "refuse"],
    ["a kid that is a number", () => craft({ alg: "dir", enc: "A256CBC-HS512", kid: 7 }), "refuse"],
    [
      "iss in the header equal to the claim",
      () => craft({ alg: "dir", enc: "A256CBC-HS512", iss: "me" }, { sub: "u", iss: "me" }),
      "accept",
    ],
    [
      "iss in the header unlike the claim",
      () => craft({ alg: "dir", enc: "A256CBC-HS512", iss: "me" }, { sub: "u", iss: "you" }),
      "refuse",
    ],
    ["sub in the header unlike the claim", () => craft({ alg: "dir", enc: "A256CBC-HS512", sub: "v" }, { sub: "u" }), "refuse"],
    [
      "aud in the header equal to the claim",
      () => craft({ alg: "dir", enc: "A256CBC-HS512", aud: ["a"] }, { sub: "u", aud: ["a"] }),
      "accept",
    ],
    [
      "zip DEF (jose inflates it)",
      () => craftRaw({ alg: "dir", enc: "A256CBC-HS512", zip: "DEF" }, Buffer.from(JSON.stringify({ sub: "u" }))),
      "accept",
    ],
    [
      "a token made by hand (RFC 7518 §5.2)",
      () => encryptByHand({ alg: "dir", enc: "A256CBC-HS512" }, Buffer.from(JSON.stringify({ sub: "u" }))),
      "accept",
    ],
    [
      "zip of another kind",
      () => encryptByHand({ alg: "dir", enc: "A256CBC-HS512", zip: "GZ" }, Buffer.from(JSON.stringify({ sub: "u" }))),
      "refuse",
    ],
    [
      "zip DEF that inflates past 250,000 bytes",
      () => craftRaw({ alg: "dir", enc: "A256CBC-HS512", zip: "DEF" }, Buffer.from(JSON.stringify({ sub: "x".repeat(260_000) }))),
      "refuse",
    ],
    [
      "alg none",
      async () => `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"u"}').toString("base64url")}.`,
      "refuse",
    ],
    [
      "alg A128KW",
      async () =>
        new EncryptJWT({ sub: "u" }).setProtectedHeader({ alg: "A128KW", enc: "A256CBC-HS512" }).encrypt(new Uint8Array(16).fill(7)),
      "refuse",
    ],
    [
      "an encrypted key next to alg dir",
      async () => (await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT })).replace("..", ".AAAA."),
      "refuse",
    ],
    [
      "a header segment with = padding",
      async () => withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 0, (s) => padded(s)),
      "refuse",
    ],
    [
      "an iv segment with = padding",
      async () => withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 2, (s) => padded(s)),
      "accept",
    ],
    [
      "a tag with a space inside",
      async () =>
        withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 4, (s) => `${s.slice(0, 5)} ${s.slice(5)}`),
      "accept",
    ],
    [
      "a tag with + inside",
      async () =>
        withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 4, (s) => `${s.slice(0, 5)}+${s.slice(6)}`),
      "refuse",
    ],
    ["an empty iv", async () => withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 2, () => ""), "refuse"],
    ["an empty tag", async () => withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 4, () => ""), "refuse"],
    [
      "an empty ciphertext",
      async () => withSegment(await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT }), 3, () => ""),
      "refuse",
    ],
    [
      "four segments",
      async () => (await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT })).split(".").slice(0, 4).join("."),
      "refuse",
    ],
    ["six segments", async () => `${await authEncode({ token: { sub: "u" }, secret: OLD, salt: SALT })}.x`, "refuse"],
    ["an empty string", async () => "", "refuse"],
  ];

  it.each(cases)("%s", async (label, make, verdict) => {
    const token = await make();
    const result = await expectSameVerdict(token, [OLD], label);
    expect(result === null ? "refuse" : "accept", label).toBe(verdict);
  });
});

function withSegment(token: string, index: number, change: (segment: string) => string): string {
  const parts = token.split(".");
  parts[index] = change(parts[index] ?? "");
  return parts.join(".");
}

function padded(segment: string): string {
  return segment.length % 4 ? segment + "=".repeat(4 - (segment.length % 4)) : segment;
}

describe("tampered and truncated tokens (fast-check, against Auth.js)", () => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

  it("refuses a token with one character changed exactly when Auth.js does", async () => {
    const token = await authEncode({ token: claimsOf({ progress: progress(300) }), secret: OLD, salt: SALT });
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...alphabet), async (position, replacement) => {
        const changed = `${token.slice(0, position)}${replacement}${token.slice(position + 1)}`;
        await expectSameVerdict(changed, [OLD], `position ${position} -> ${replacement}`);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every truncation exactly when Auth.js does", async () => {
    const token = await authEncode({ token: claimsOf(), secret: OLD, salt: SALT });
    for (let length = 0; length < token.length; length += 3)
      await expectSameVerdict(token.slice(0, length), [OLD], `first ${length} characters`);
  });
});

describe("the cache of accepted tokens (VerifiedTokens)", () => {
  const decode = (token: string, verified: VerifiedTokens, options: { secrets?: string[]; salt?: string; at?: number } = {}) =>
    attempt(() => decodeJwe({ token, secrets: options.secrets ?? [OLD], salt: options.salt ?? SALT, now: options.at ?? now(), verified }));

  it("keeps a token once accepted, and still checks its time claims on every hit", () => {
    const verified = new VerifiedTokens(8);
    const token = encodeJwe({ token: claimsOf(), secrets: [OLD], salt: SALT, maxAge: 60 });
    expect(decode(token, verified)).toMatchObject({ sub: "user-1" });
    expect(verified.size).toBe(1);
    expect(decode(token, verified, { at: now() + 60 + 14 })).toMatchObject({ sub: "user-1" });
    expect(decode(token, verified, { at: now() + 60 + 15 })).toBeNull();
  });

  it("refuses a kept token under a list of secrets that no longer holds its secret, and under another cookie name", () => {
    const verified = new VerifiedTokens(8);
    const token = encodeJwe({ token: claimsOf(), secrets: [OLD], salt: SALT });
    expect(decode(token, verified, { secrets: [NEW, OLD] })).not.toBeNull();
    expect(decode(token, verified, { secrets: [NEW] })).toBeNull();
    expect(decode(token, verified, { secrets: [NEW, OLD] })).not.toBeNull();
    expect(decode(token, verified, { secrets: [NEW, OLD], salt: "__Secure-authjs.session-token" })).toBeNull();
  });

  it("hands every caller claims of its own, so a caller that changes them changes nothing for the next", () => {
    const verified = new VerifiedTokens(8);
    const token = encodeJwe({ token: claimsOf({ role: "USER" }), secrets: [OLD], salt: SALT });
    const first = decode(token, verified);
    if (!first) throw new Error("refused");
    first.role = "ADMIN";
    expect(decode(token, verified)).toMatchObject({ role: "USER" });
  });

  it("keeps no refused token, and at most its limit, dropping the oldest", () => {
    const verified = new VerifiedTokens(2);
    const expired = encodeJwe({ token: claimsOf(), secrets: [OLD], salt: SALT, maxAge: 1, now: now() - 100 });
    expect(decode(expired, verified)).toBeNull();
    expect(decode("a.b.c.d.e", verified)).toBeNull();
    expect(verified.size).toBe(0);
    const tokens = [1, 2, 3].map((n) => encodeJwe({ token: claimsOf({ sub: `user-${n}` }), secrets: [OLD], salt: SALT }));
    for (const token of tokens) decode(token, verified);
    expect(verified.size).toBe(2);
    expect(verified.get(SALT, [OLD], tokens[0] ?? "")).toBeUndefined();
    expect(verified.get(SALT, [OLD], tokens[2] ?? "")).toBeDefined();
  });
});
