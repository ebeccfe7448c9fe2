import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";

// Signing keys for API access tokens, derived from the AUTH_SECRET list: every instance configured with
// the same secrets has the same keys, with no key file to share. One Ed25519 key pair per secret (HKDF
// with its own info label, so it is independent of the keys Auth.js derives from the same secret); the
// newest secret signs, every configured one verifies, so rotating AUTH_SECRET rotates these keys with the
// same overlap. kid is the RFC 7638 thumbprint of the public key.

const HKDF_INFO = "auth-modes API access token signing key (Ed25519) v1";
const HKDF_SALT = "auth-modes/api";
// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export const ACCESS_TOKEN_ALG = "EdDSA";

export type SigningKey = { kid: string; privateKey: KeyObject; publicKey: KeyObject; publicJwk: JWK };

async function deriveKey(secret: string): Promise<SigningKey> {
  const seed = Buffer.from(hkdfSync("sha256", secret, HKDF_SALT, HKDF_INFO, 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, alg: ACCESS_TOKEN_ALG, use: "sig" } };
}

const cache = new Map<string, Promise<SigningKey>>();

/** The key pairs for `secrets` (newest first, as authSecrets() lists them); the first one signs. */
export async function signingKeys(secrets: string[]): Promise<SigningKey[]> {
  if (secrets.length === 0) throw new Error("no AUTH_SECRET configured");
  return Promise.all(
    secrets.map((secret) => {
      let key = cache.get(secret);
      if (!key) {
        key = deriveKey(secret);
        cache.set(secret, key);
      }
      return key;
    }),
  );
}

/** The JSON Web Key Set served at /.well-known/jwks.json: public keys only. */
export async function jwks(secrets: string[]): Promise<{ keys: JWK[] }> {
  return { keys: (await signingKeys(secrets)).map((key) => key.publicJwk) };
}
