// Response headers every page and route gets from proxy.ts. The Content-Security-Policy carries a
// per-request nonce: Next.js reads it from the request's CSP header and puts it on its own scripts, so
// no inline script without it runs. Styles stay 'unsafe-inline' (Next.js and React emit style
// attributes); scripts are what the policy is for.

/** A fresh nonce per request: 128 bits from the CSPRNG, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script are trusted; host lists are ignored by browsers that support it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Under HTTPS: browsers use only HTTPS for this host for a year (no subdomains: they are not ours to bind). */
export const HSTS = "max-age=31536000";

/** Headers for every response; Strict-Transport-Security too when the app is served over HTTPS (AUTH_URL). */
export function securityHeaders(csp: string, { https = false } = {}): Record<string, string> {
  return {
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/** Authenticated pages must not be stored by the browser or any cache: Back after sign-out shows nothing private. */
export const NO_STORE = "private, no-cache, no-store, max-age=0, must-revalidate";
