import type { ModeId } from "./mode";

// What each mode does, row by row, for /compare: the words. The numbers next to them are measured
// (lib/compare/: the benchmark's results and the facts the e2e suite records), never written here.
// A new mode is one more entry (the Record makes the compiler ask for it).

export const COMPARISON_ROWS = [
  "storage",
  "signOut",
  "revocation",
  "adminRevocation",
  "freshness",
  "scaling",
  "complexity",
  "cookieSize",
  "costPerRequest",
  "progress",
] as const;

export type ComparisonRowId = (typeof COMPARISON_ROWS)[number];

export const MODE_TRAITS: Record<ModeId, Record<ComparisonRowId, string>> = {
  database: {
    storage: "A Session row per sign-in (SHA-256 of the token), plus the form's progress.",
    signOut: "Deletes the row: every copy of the cookie stops working.",
    revocation: "Delete a row (one device, or all): refused at that device's next request.",
    adminRevocation: "Disabling a user deletes their rows: refused at the next request.",
    freshness: "Role and account state are read with the session on every request.",
    scaling: "Every instance reads one shared database (PostgreSQL); nothing to sync.",
    complexity: "Lowest: the adapter's tables, one lookup.",
    cookieSize: "A 43-character random value, whatever the session holds.",
    costPerRequest: "One indexed read (session joined with user); a write at most once a minute.",
    progress: "In the database (FormProgress), not in the cookie.",
  },
  jwt: {
    storage: "A registry row per sign-in (SHA-256 of the token's sid); the session itself is in the token.",
    signOut: "Deletes the registry row: a copy of the token still decrypts, but its sid is refused.",
    revocation: "Delete a registry row (one device, or all): refused at the next request.",
    adminRevocation: "Disabling a user deletes their registry rows: refused at the next request.",
    freshness: "The registry check reads the user too: changes apply at the next request.",
    scaling: "Every instance reads the shared registry; any instance can decrypt.",
    complexity: "Highest: a JWE, its re-issue, and a registry beside it.",
    cookieSize: "An encrypted token that grows with what it carries (the form's progress).",
    costPerRequest: "A decryption plus one indexed read (registry joined with user).",
    progress: "In the token, re-issued on every step save.",
  },
  "jwt-version": {
    storage: "A token version per user (one integer on the User row); the session itself is in the token.",
    signOut: "Clears this browser's cookie only: a copy keeps working until the version is bumped.",
    revocation:
      "All devices or none: a bump (sign out everywhere, password change) refuses every token at its next request; no list, no single device.",
    adminRevocation: "Disabling a user bumps the version: every token refused at the next request.",
    freshness: "The user row is read on every request: changes apply at the next request.",
    scaling: "Every instance reads the shared User row; any instance can decrypt.",
    complexity: "Medium: a JWE, its re-issue, and one integer on the user.",
    cookieSize: "An encrypted token that grows with what it carries (the form's progress).",
    costPerRequest: "A decryption plus one indexed read (the user row).",
    progress: "In the token, re-issued on every step save.",
  },
  "jwt-stateless": {
    storage: "Nothing about sessions: the token is the whole session.",
    signOut: "Clears this browser's cookie only: a copy keeps working until it expires.",
    revocation: "Impossible before the token expires; there is no session to delete (and no list).",
    adminRevocation: "A disabled user keeps access until the token's next re-check of the user (AUTH_SESSION_UPDATE_AGE).",
    freshness: "Re-read once per AUTH_SESSION_UPDATE_AGE: changes can take that long to arrive.",
    scaling: "Any instance holding AUTH_SECRET accepts the token; no shared state, and no shared sign-out.",
    complexity: "Medium: a JWE and its re-issue, nothing stored.",
    cookieSize: "An encrypted token that grows with what it carries (the form's progress).",
    costPerRequest: "A decryption; no SQL, except a user re-read once per update age.",
    progress: "In the token, re-issued on every step save.",
  },
};
