import { headers } from "next/headers";

export type RequestMeta = { userAgent: string | null; ip: string | null };

const MAX_USER_AGENT_LENGTH = 512;

export function requestMetaFrom(source: Headers): RequestMeta {
  const forwarded = source.get("x-forwarded-for")?.split(",")[0]?.trim();
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
