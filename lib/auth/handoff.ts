import { randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { VerifiedSession } from "./types";

// One session check per request: proxy.ts checks a page load's session and hands the result to the
// page, instead of the page checking it again. proxy.ts and the pages run in the same server process
// but are bundled separately, so the checked session waits on globalThis under a random id (122 bits,
// randomUUID), and the id travels to the page in a request header. A client cannot forge a handoff:
// proxy.ts deletes any incoming copy of the header before anything else, an id names nothing outside
// this process, and an entry is bound to the request's session cookie. The page takes its entry out of
// the map when it reads it (verifySession() in lib/dal.ts reads once per render, through React's
// cache()), so entries die young, as the sealed header did; one never read (a render that failed before
// asking) is swept in order of age, HANDOFF_TTL_MS after it was made. A header that names no live
// entry, or an entry for another cookie, is ignored and the page checks the session itself, so a
// deployment that ran the proxy elsewhere stays correct.
// Not a sealed copy in the header (an HMAC'd JSON, as before 2026-12-03): the JSON, the base64 and the
// two HMACs cost ~60 µs a page load under load (CPU profile of `next start` at 8 connections), a third
// of what the signed-in page cost over its control. Not React's cache(): the proxy does not run inside
// the page's React render, so nothing cached there reaches the page.

export const HANDOFF_HEADER = "x-auth-modes-session";
export const HANDOFF_TTL_MS = 10_000;
/** A bound on the entries kept, whatever the rate: a page load that never reads its entry leaves it to the sweep. */
const MAX_ENTRIES = 50_000;

type Handoff = { session: VerifiedSession; token: JWT | null };
type Entry = { handoff: Handoff; cookieValue: string; at: number };

const KEY = Symbol.for("auth-modes.session-handoffs");
const holder = globalThis as { [KEY]?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Drops the entries older than the TTL: a Map iterates in insertion order, so the oldest come first. */
function sweep(map: Map<string, Entry>, now: number): void {
  for (const [id, entry] of map) {
    if (now - entry.at < HANDOFF_TTL_MS && map.size < MAX_ENTRIES) return;
    map.delete(id);
  }
}

/** The header value that hands a checked session for this cookie value to the page. */
export function sealHandoff(handoff: Handoff, cookieValue: string, now = Date.now()): string {
  const map = entries();
  sweep(map, now);
  const id = randomUUID();
  map.set(id, { handoff, cookieValue, at: now });
  return id;
}

/**
 * The session proxy.ts checked for this cookie value, taken out of the map (a second read of the same
 * id finds nothing), or null when the header is absent, unknown, too old or for another cookie.
 */
export function openHandoff(header: string | null, cookieValue: string, now = Date.now()): Handoff | null {
  if (!header) return null;
  const map = entries();
  const entry = map.get(header);
  if (!entry) return null;
  map.delete(header);
  if (entry.cookieValue !== cookieValue || now - entry.at >= HANDOFF_TTL_MS) return null;
  return entry.handoff;
}

/** Entries kept right now (tests). */
export function handoffCount(): number {
  return entries().size;
}
