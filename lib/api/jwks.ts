import "server-only";
import { authSecrets } from "@/lib/env";
import { jwks } from "./keys";

/** This server's JWKS: the public key of every configured AUTH_SECRET, the signing one first. */
export function publicKeySet() {
  return jwks(authSecrets());
}
