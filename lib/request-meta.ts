import { headers } from "next/headers";
import { env } from "@/lib/env";

export type RequestMeta = { userAgent: string | null; ip: string | null };

const MAX_USER_AGENT_LENGTH = 512;

/**
 * The connection's own address, set on every request by scripts/lib/peer-address.mjs (loaded by
 * `npm start` and `npm run dev`), which overwrites any copy a client sends. `next start` alone offers no
 * way to see it: it fills X-Forwarded-For with the socket address only when the client sent none.
 */
export const PEER_ADDRESS_HEADER = "x-auth-modes-peer-address";

/**
 * The client IP, trusting exactly `trustedHops` proxies (TRUSTED_PROXY_HOPS). Each proxy appends the
 * address it received the request from to X-Forwarded-For, so with N proxies the client is the N-th entry
 * from the right; entries further left are whatever the client claimed and are never used. With 0, or when
 * the header has fewer entries than there are proxies (the request did not come through them), it is the
 * connection's own address.
 */
export function clientIp(source: Headers, trustedHops: number): string | null {
  const peer = source.get(PEER_ADDRESS_HEADER)?.trim() || null;
  if (trustedHops === 0) return peer;
  const forwarded = (source.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded.length >= trustedHops ? (forwarded[forwarded.length - trustedHops] ?? peer) : peer;
}

export function requestMetaFrom(source: Headers, trustedHops: number = env.TRUSTED_PROXY_HOPS): RequestMeta {
  const ip = clientIp(source, trustedHops);
  const userAgent = source.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) || null;
  return { userAgent, ip: ip ? ip.slice(0, 64) : null };
}

/** The current request's user agent and client IP, or nulls outside a request. */
export async function getRequestMeta(): Promise<RequestMeta> {
  try {
    return requestMetaFrom(await headers());
  } catch {
    return { userAgent: null, ip: null };
  }
}
