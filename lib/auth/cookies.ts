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
