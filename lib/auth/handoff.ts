import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { VerifiedSession } from "./types";

// One session check per request: proxy.ts checks a page load's session and hands the result to the
// page in a request header, instead of the page checking it again. A client cannot forge the header:
// proxy.ts deletes any incoming copy before anything else, and the value is an HMAC under a key that
// lives only in this server process (proxy.ts and the pages are bundled separately, so the key sits
// on globalThis), bound to the request's session cookie. A header that fails either check is ignored
// and the page checks the session itself, so a deployment that ran the proxy elsewhere stays correct.
// A request header rather than React's cache(): the proxy does not run inside the page's React render,
// so nothing cached there reaches the page.

export const HANDOFF_HEADER = "x-auth-modes-session";

type Handoff = { session: VerifiedSession; token: JWT | null };

const KEY = Symbol.for("auth-modes.session-handoff-key");
const holder = globalThis as { [KEY]?: Buffer };

function key(): Buffer {
  holder[KEY] ??= randomBytes(32);
  return holder[KEY];
}

function mac(payload: string, cookieValue: string): Buffer {
  return createHmac("sha256", key()).update(payload).update("\0").update(cookieValue).digest();
}

/** The header value that carries a checked session for this cookie value. */
export function sealHandoff(handoff: Handoff, cookieValue: string): string {
  const payload = Buffer.from(JSON.stringify(handoff)).toString("base64url");
  return `${payload}.${mac(payload, cookieValue).toString("base64url")}`;
}

/** The session proxy.ts checked for this cookie value, or null when the header is absent, forged or for another cookie. */
export function openHandoff(header: string | null, cookieValue: string): Handoff | null {
  if (!header) return null;
  const [payload, tag, extra] = header.split(".");
  if (!payload || !tag || extra !== undefined) return null;
  const expected = mac(payload, cookieValue);
  const given = Buffer.from(tag, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Handoff;
}
