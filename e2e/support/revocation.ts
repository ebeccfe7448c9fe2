import type { BrowserContext } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { parseEnv } from "../../lib/env";
import { SESSION_COOKIE, sessionCookie } from "./auth-pages";
import { recordFact } from "./facts";
import { expect, test } from "./fixtures";
import { E2E_SECRET, MODE_SERVERS, type Mode } from "./modes";

// Revocation latency, measured where the suite already revokes (a session revoked from the list, a
// password change, an admin disabling the account): from the moment the revoking side saw its
// confirmation to the first refused request of the other device, recorded as facts for /compare.
// Database and sid: the next request is refused. Stateless: nothing can refuse the token early, so the
// number is how long it keeps working — its remaining lifetime (exp), or, for a disabled account, the
// time to its next re-check of the user (checkedAt + AUTH_SESSION_UPDATE_AGE). Only outcomes are asserted.

export type RevocationKind = "revoke-session" | "password-change" | "admin-disable";

/** At most this many requests are tried before the outcome is read as "still accepted". */
const MAX_TRIES = 2;

async function isRefused(device: BrowserContext): Promise<boolean> {
  const response = await device.request.get("/dashboard", { maxRedirects: 0 });
  return response.status() >= 300 && response.status() < 400 && (response.headers().location ?? "").includes("/login");
}

/** This project's server settings, as the server parsed them (for the stateless re-check age). */
function serverSettings() {
  const server = MODE_SERVERS.find((candidate) => candidate.project === test.info().project.name);
  return parseEnv(server?.env ?? {});
}

/**
 * Measures, records and returns what the other device's session does after `revokedAt` (ms since the
 * epoch): refused at the n-th request (with the latency), or accepted (with how long it stays so).
 */
export async function measureRevocation(
  mode: Mode,
  kind: RevocationKind,
  device: BrowserContext,
  revokedAt: number,
): Promise<{ refused: boolean; acceptedAfter: number }> {
  let acceptedAfter = 0;
  let refused = false;
  while (acceptedAfter < MAX_TRIES) {
    refused = await isRefused(device);
    if (refused) break;
    acceptedAfter += 1;
  }
  if (refused) {
    recordFact(mode, `revocation.${kind}.outcome`, "refused at the next request");
    recordFact(mode, `revocation.${kind}.latency`, Date.now() - revokedAt, "ms");
    recordFact(mode, `revocation.${kind}.acceptedAfter`, acceptedAfter, "requests");
    return { refused, acceptedAfter };
  }
  const cookie = await sessionCookie(device);
  const token = await decode({ token: cookie?.value ?? "", secret: E2E_SECRET, salt: SESSION_COOKIE });
  expect(token?.exp, "a stateless token that still works has an expiry").toEqual(expect.any(Number));
  const nowSeconds = revokedAt / 1000;
  const until =
    kind === "admin-disable" && typeof token?.checkedAt === "number"
      ? Math.min(token.checkedAt + serverSettings().AUTH_SESSION_UPDATE_AGE, Number(token.exp))
      : Number(token?.exp);
  recordFact(
    mode,
    `revocation.${kind}.outcome`,
    kind === "admin-disable" ? "accepted until the next re-check of the user" : "accepted until the token expires",
  );
  recordFact(mode, `revocation.${kind}.latency`, Math.max(0, Math.round(until - nowSeconds)), "s");
  return { refused, acceptedAfter };
}
