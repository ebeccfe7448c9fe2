// Session cookie naming, shared by the Auth.js config, proxy.ts and the cookie panel.
// Over HTTPS the `__Host-` prefix makes the browser insist on Secure, Path=/ and no Domain.

const BASE_NAME = "authjs.session-token";

export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${BASE_NAME}` : BASE_NAME;
}

/** True for the session cookie itself and for its chunks (`name.0`, `name.1`, …). */
export function isSessionCookie(cookieName: string, baseName: string): boolean {
  return cookieName === baseName || new RegExp(`^${baseName.replace(/[.]/g, "\\.")}\\.\\d+$`).test(cookieName);
}

export function usesSecureCookies(authUrl: string | undefined): boolean {
  return authUrl?.startsWith("https:") ?? false;
}

/** The session cookie's value from a cookie list, its chunks joined in order; null when absent. */
export function joinSessionCookie(cookies: readonly { name: string; value: string }[], baseName: string): string | null {
  const chunkIndex = (name: string) => Number(/\.(\d+)$/.exec(name)?.[1] ?? -1);
  const parts = cookies.filter((cookie) => isSessionCookie(cookie.name, baseName)).sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  return parts.length ? parts.map((part) => part.value).join("") : null;
}
