export const DEFAULT_AFTER_LOGIN = "/dashboard";

/** Too long, or holding a control character or a backslash (which browsers read as `/`): never a target. */
function unusableTarget(target: string): boolean {
  // biome-ignore lint: control characters are what this rejects
  return target.length > 2048 || /[\u0000-\u001f\u007f\\]/.test(target);
}

/**
 * Returns `target` when it is a path on this site, else the default. Rejects absolute and
 * protocol-relative URLs (`//evil.example`, `/\evil.example`) and anything with control characters.
 */
export function safeCallbackPath(target: string | null | undefined, fallback = DEFAULT_AFTER_LOGIN): string {
  if (!target || unusableTarget(target)) return fallback;
  if (!target.startsWith("/") || target.startsWith("//")) return fallback;
  const parsed = new URL(target, "http://placeholder.invalid");
  if (parsed.origin !== "http://placeholder.invalid") return fallback;
  if (parsed.pathname === "/login" || parsed.pathname === "/register") return fallback;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/**
 * Auth.js's `redirect` callback: where its own endpoints (sign-in, sign-out, the callback) send the
 * browser. Only this origin; anything else, including a URL that does not parse (Auth.js's default
 * throws on those and logs an error), goes to the home page.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const home = new URL("/", baseUrl);
  if (unusableTarget(url) || !URL.canParse(url, home)) return home.href;
  const target = new URL(url, home);
  return target.origin === home.origin ? target.href : home.href;
}
