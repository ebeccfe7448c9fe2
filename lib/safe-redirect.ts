export const DEFAULT_AFTER_LOGIN = "/dashboard";

/** Resolves relative targets when no origin is given: never a real host, so only paths can match it. */
const INTERNAL_ORIGIN = "http://internal.invalid";

/** Too long, or holding a control character or a backslash (which browsers read as `/`): never a target. */
function unusableTarget(target: string): boolean {
  // biome-ignore lint: control characters are what this rejects
  return target.length > 2048 || /[\u0000-\u001f\u007f\\]/.test(target);
}

/**
 * The one check behind every redirect target a visitor can choose: the normalised path `target` leads
 * to on `origin` (`/path?query#hash`), or null when it leads anywhere else or cannot be used.
 *
 * The check runs on the URL as a browser resolves it, not on the text: `/.//x`, `/a/..//x` and
 * `/%2e%2e//x` all normalise to `//x`, which a browser reads as the host `x`. So the target is resolved
 * against `origin`, must stay on it, and the resulting path must not start with `//` or `/\`.
 */
export function sameOriginPath(target: string, origin: string = INTERNAL_ORIGIN): string | null {
  if (unusableTarget(target)) return null;
  const base = new URL("/", origin);
  if (!URL.canParse(target, base)) return null;
  const resolved = new URL(target, base);
  if (resolved.origin !== base.origin) return null;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}

/**
 * Where the sign-in form sends the browser: `target` when it is a path on this site (normalised), else
 * the fallback. Only paths are accepted (no scheme or host), and never the sign-in or registration page.
 */
export function safeCallbackPath(target: string | null | undefined, fallback = DEFAULT_AFTER_LOGIN): string {
  if (!target?.startsWith("/")) return fallback;
  const path = sameOriginPath(target);
  if (path === null) return fallback;
  const { pathname } = new URL(path, INTERNAL_ORIGIN);
  return pathname === "/login" || pathname === "/register" ? fallback : path;
}

/**
 * Auth.js's `redirect` callback: where its own endpoints (sign-in, sign-out, the callback) send the
 * browser. Only this origin; anything else, including a URL that does not parse (Auth.js's default
 * throws on those and logs an error), goes to the home page.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const home = new URL("/", baseUrl);
  const path = sameOriginPath(url, home.origin);
  return path === null ? home.href : new URL(path, home).href;
}
