import "server-only";
import { headers } from "next/headers";
import { describeRequestSession, type RequestSessionDescription } from "@/lib/auth/inspect";

export type { RequestSessionDescription };

/** This request's session, described for /inspect (lib/auth/inspect.ts does the mode-specific part). */
export async function inspectThisRequest(): Promise<RequestSessionDescription | null> {
  return describeRequestSession(await headers());
}

export { formatCountdown, formatCheckCost } from "./format";
