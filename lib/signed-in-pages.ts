// The path prefixes of the signed-in pages: one per folder under app/(app)/. proxy.ts sends a visitor
// without a session on any of them to sign in and marks them no-store; public/robots.txt keeps them out
// of search indexes. lib/signed-in-pages.test.ts fails when a folder is added without its prefix here
// (or robots.txt), so a new page cannot be left ungated.

export const SIGNED_IN_PREFIXES = [
  "/dashboard",
  "/onboarding",
  "/sessions",
  "/account",
  "/activity",
  "/admin",
  "/setup",
  "/inspect",
] as const;

export function isSignedInPage(pathname: string): boolean {
  return SIGNED_IN_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
