import "server-only";
import { connection } from "next/server";
import { env } from "@/lib/env";

export type ModeId = "database" | "jwt" | "jwt-version" | "jwt-stateless";

export type ModeInfo = {
  mode: ModeId;
  label: string;
  phrase: string;
  summary: string;
  /** serverKeepsSessions() for this mode. */
  keepsSessions: boolean;
  /** serverEndsEveryToken() for this mode. */
  endsEveryToken: boolean;
  /** When a role change or a disabled account reaches a signed-in user. */
  freshness: string;
  /** Whether the session is a token the server can re-issue on demand (jwt modes). */
  reissuable: boolean;
};

const MODES: Record<ModeId, Omit<ModeInfo, "mode" | "keepsSessions" | "endsEveryToken">> = {
  database: {
    label: "Database sessions",
    phrase: "database sessions",
    summary:
      "Your cookie holds an opaque random token. The session lives in the database (hashed), so every request looks it up and sign-out deletes it.",
    reissuable: false,
    freshness:
      "Role changes and disabled accounts take effect on the user's next request: every request reads the session and the user from the database.",
  },
  jwt: {
    label: "JWT sessions",
    phrase: "JWT sessions",
    summary:
      "Your cookie holds the session as an encrypted token (JWE). Each request decrypts it and checks its session id against a registry, so sign-out and revocation take effect at once.",
    reissuable: true,
    freshness:
      "Role changes and disabled accounts take effect on the user's next request: every request checks the token's session id against the registry and reads the user's current role.",
  },
  "jwt-version": {
    label: "JWT sessions with a token version",
    phrase: "JWT sessions with a per-user token version",
    summary:
      "Your cookie holds the session as an encrypted token (JWE) stamped with your account's token version. Each request reads your account and refuses a token whose version is out of date. Signing out clears this browser's cookie only; signing out everywhere, a password change or a disabled account bumps the version and ends every token at once. No single other device can be signed out alone, and there is no list of sessions.",
    reissuable: true,
    freshness:
      "Role changes and disabled accounts take effect on the user's next request: every request reads the user's row (current role, disabled or not, token version).",
  },
  "jwt-stateless": {
    label: "Stateless JWT sessions",
    phrase: "stateless JWT sessions",
    summary:
      "Your cookie holds the whole session as an encrypted token (JWE) and the server stores nothing about it. Sign-out only clears this browser's cookie: a copy of the token keeps working until it expires.",
    reissuable: true,
    freshness:
      "Role changes and disabled accounts reach a signed-in user within AUTH_SESSION_UPDATE_AGE: the token records when the user was last read from the database, and its first use after that long (a page load, an action, any read of the session) reads them again. Until then their browser carries the old role. Admin pages alone also check the database, so a demoted admin loses them at once.",
  },
};

/** Every mode, in the order /compare shows them: a new mode is one more entry in MODES. */
export const MODE_IDS = Object.keys(MODES) as ModeId[];

/** A mode's description, whichever mode runs (for /compare). */
export function modeInfoOf(mode: ModeId): ModeInfo {
  return { mode, keepsSessions: serverKeepsSessions(mode), endsEveryToken: serverEndsEveryToken(mode), ...MODES[mode] };
}

export function currentModeId(): ModeId {
  if (env.AUTH_SESSION_STRATEGY === "database") return "database";
  if (env.AUTH_JWT_REVOCATION === "sid") return "jwt";
  return env.AUTH_JWT_REVOCATION === "version" ? "jwt-version" : "jwt-stateless";
}

/**
 * Whether the server keeps a record of every session — a `Session` row per sign-in in database mode, a
 * registry row per token `sid` in jwt mode with AUTH_JWT_REVOCATION=sid — and so can list sessions, and
 * make sign-out, revocation, a password change or a disabled account reach every copy of a cookie. The
 * one place this capability is decided; everything else asks here.
 */
export function serverKeepsSessions(mode: ModeId = currentModeId()): boolean {
  return mode === "database" || mode === "jwt";
}

/**
 * Whether the server checks every request against the database and so can end all of a user's sessions
 * at once — sign out everywhere, a password change, a disabled account, an admin's "revoke all" — and
 * reads the user's current role on every request. Every mode but stateless JWT; with
 * AUTH_JWT_REVOCATION=version without a list (serverKeepsSessions() is false): bumping the user's token
 * version ends every token, and one device alone cannot be singled out.
 */
export function serverEndsEveryToken(mode: ModeId = currentModeId()): boolean {
  return mode !== "jwt-stateless";
}

/** AUTH_JWT_REVOCATION=version: tokens carry the user's token version, checked on every request. For lib/auth/ only. */
export function checksTokenVersion(mode: ModeId = currentModeId()): boolean {
  return mode === "jwt-version";
}

/** The active mode, read at request time so the build never bakes one in. */
export async function getModeInfo(): Promise<ModeInfo> {
  await connection();
  const mode = currentModeId();
  return { mode, keepsSessions: serverKeepsSessions(mode), endsEveryToken: serverEndsEveryToken(mode), ...MODES[mode] };
}

/**
 * What this instance keeps in memory between checks, in words for the start-up log: live sessions
 * (lib/auth/session-cache.ts) where the server keeps them, users' token versions on PostgreSQL in the
 * version mode, accepted tokens (lib/auth/jwt.ts) in jwt modes; database rows for `ttlMs` at most.
 */
export function cachesOfMode(ttlMs: number, mode: ModeId = currentModeId()): string {
  if (ttlMs <= 0) return "off";
  const rows = `, database rows for ${ttlMs} ms at most`;
  if (mode === "database") return `live sessions${rows}`;
  if (mode === "jwt") return `live sessions and accepted tokens${rows}`;
  if (mode === "jwt-version") return `accepted tokens and, on PostgreSQL, users' token versions${rows}`;
  return "accepted tokens";
}
