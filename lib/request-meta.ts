import { headers } from "next/headers";

export type RequestMeta = { userAgent: string | null; ip: string | null };

const MAX_USER_AGENT_LENGTH = 512;

/**
 * The client IP is the last X-Forwarded-For entry: the one the nearest proxy appended (nginx's
 * $proxy_add_x_forwarded_for and cloud load balancers do), or, with no proxy, the socket address
 * Next.js sets when the request came without the header. Entries to its left are whatever the client
 * claimed. Without a proxy in front, a client can still send its own header: run behind one in production
 * (docs/production.md).
 */
export function requestMetaFrom(source: Headers): RequestMeta {
  const forwarded = source.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const ip = forwarded || source.get("x-real-ip")?.trim() || null;
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
