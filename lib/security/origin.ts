// Cross-site request refusal for every state-changing request (server actions, route handlers, Auth.js's
// POST endpoints), applied in proxy.ts before anything else runs. Browsers send `Origin` on every POST
// and `Sec-Fetch-Site` on every request; a request with neither is not from a browser page, so there
// is no victim's cookie jar to ride on and it is let through to the handlers' own checks.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host this request was addressed to, as Next.js itself resolves it for its server-action check. */
function requestHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host") || "").toLowerCase() || null;
}

/** Why a request must be refused as cross-site, or null when it may go on. Safe methods always may. */
export function crossSiteRefusal(method: string, headers: Headers): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  if (site === "cross-site" || site === "same-site") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (origin === null) return null;
  if (origin.trim().toLowerCase() === "null") return "Origin is null (sandboxed or privacy-sensitive context)";
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return "Origin is not a URL";
  }
  const host = requestHost(headers);
  if (!host) return "the request names no host";
  return originHost === host ? null : "Origin is another site";
}
