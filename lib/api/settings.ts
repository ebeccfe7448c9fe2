import "server-only";
import { authSecrets, env } from "@/lib/env";
import { audienceOf, issuerOf, type TokenSettings } from "./tokens";

/** This server's token settings: keys from the AUTH_SECRET list, issuer and audience from AUTH_URL. */
export function tokenSettings(): TokenSettings {
  const issuer = issuerOf(env.AUTH_URL);
  return { secrets: authSecrets(), issuer, audience: audienceOf(issuer) };
}
