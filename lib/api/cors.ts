// CORS for the bearer API: only origins listed in API_CORS_ORIGINS, never with credentials (the API
// reads no cookie, so a cross-origin caller gains nothing a token would not give it).

const ALLOWED_HEADERS = "Authorization, Content-Type";
const MAX_AGE_SECONDS = "600";

/** CORS response headers for a request from `origin` (null: none sent), given the allow-list. */
export function corsHeaders(origin: string | null, allowed: readonly string[], methods: string): Record<string, string> {
  const headers: Record<string, string> = { Vary: "Origin" };
  if (origin === null || !allowed.includes(origin)) return headers;
  return {
    ...headers,
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": methods,
    "Access-Control-Allow-Headers": ALLOWED_HEADERS,
    "Access-Control-Expose-Headers": "WWW-Authenticate, Retry-After",
    "Access-Control-Max-Age": MAX_AGE_SECONDS,
  };
}
