import "server-only";
import { getDb } from "@/lib/db";
import { countStatements } from "@/lib/db-statements";
import { env } from "@/lib/env";
import { usesSecureCookies } from "./cookies";
import { decodeSessionTokenNow, withoutTokenCache } from "./jwt";
import { currentModeId, serverKeepsSessions, type ModeId } from "./mode";
import { withoutSessionCache } from "./session-cache";
import { checkSessionCookie, currentSessionCookieName, sessionCookieFromHeader } from "./session-check";
import { listSessionRows } from "./session-rows";
import { hashSessionToken } from "./session-token";

// "Describe this request's session": what /inspect shows, the one place that asks which mode runs for it.
// Nothing returned here is a token value or a full hash: hashes and ids that open a session (the token
// hash, the `sid`) are cut to a prefix, and the cookie's value is only measured, never returned.

/** Characters of a hash or session id shown: enough to tell two apart, far too few to use. */
export const SHOWN_PREFIX = 8;
const truncate = (value: string) => `${value.slice(0, SHOWN_PREFIX)}…`;

export type CookieDescription = {
  name: string;
  /** `name=value` of every chunk, in bytes, as the browser sends them. */
  bytes: number;
  chunks: number;
  /** The attributes the server sets it with. */
  attributes: string[];
};

export type CheckCost = { milliseconds: number; statements: number };

export type ClaimRow = { name: string; value: string; note: string };

export type RequestSessionDescription = {
  mode: ModeId;
  cookie: CookieDescription;
  /** The session check of this request, run again here and measured: wall time and SQL statements sent. */
  check: CheckCost;
  /** "What would a copy of this cookie do after you sign out?" */
  copyAfterSignOut: string;
  /** Seconds since the epoch. */
  expiresAt: number | null;
  /** When this description was made, seconds since the epoch (the countdown starts from it). */
  describedAt: number;
} & (
  | {
      kind: "database";
      row: {
        id: string;
        tokenHashPrefix: string;
        createdAt: string;
        lastSeenAt: string;
        expires: string;
        absoluteEnd: string;
        userAgent: string | null;
        ip: string | null;
      } | null;
      stored: StoredForUser;
    }
  | {
      kind: "jwt";
      header: ClaimRow[];
      claims: ClaimRow[];
      /** jwt modes carry onboarding progress in the token: shown as it is decrypted. */
      progress: string | null;
      stored: StoredForUser;
    }
);

export type StoredForUser = { sessionRows: number; progressRow: boolean; note: string };

const COPY_AFTER_SIGN_OUT: Record<ModeId, string> = {
  database:
    "Nothing. Signing out deletes the session row; a copy of this cookie is a random value that no longer matches any row, so the next request it is sent with is refused.",
  jwt: "Nothing. Signing out deletes the registry row of this token's sid; the copy still decrypts, but its sid is no longer in the registry, so the next request it is sent with is refused.",
  "jwt-version":
    "It keeps working until a version bump. Signing out only clears this browser's cookie: the copy still carries your account's current token version, so it is accepted until you sign out everywhere, change your password (signing out other sessions) or an admin disables the account — then every copy is refused at its next request.",
  "jwt-stateless":
    "It keeps working. Signing out only clears this browser's cookie: the server stores nothing to delete, so a copy of the token is accepted until its exp passes.",
};

const CLAIM_NOTES: Record<string, string> = {
  sub: "the user's id",
  name: "copied from the user at sign-in and at each re-check",
  email: "copied from the user at sign-in and at each re-check",
  role: "copied from the user; a change reaches the token at its next re-check",
  iat: "issued at: when this token was encrypted",
  exp: "expires: the token is refused after this",
  authTime: "when you signed in: the absolute lifetime counts from here",
  checkedAt: "when the server last read your user (and session) from the database",
  sid: "session id, checked against the registry (stored hashed); shown truncated",
  jti: "a random id of this encryption",
  progress: "the onboarding form's progress, below",
};

const TIME_CLAIMS = new Set(["iat", "exp", "authTime", "checkedAt"]);
const SECRET_CLAIMS = new Set(["sid"]);

function claimValue(name: string, value: unknown): string {
  if (SECRET_CLAIMS.has(name) && typeof value === "string") return truncate(value);
  if (TIME_CLAIMS.has(name) && typeof value === "number") return `${value} (${new Date(value * 1000).toISOString()})`;
  if (name === "progress") return value === undefined || value === null ? "none" : "present";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function cookieAttributes(maxAge: number): string[] {
  const secure = usesSecureCookies(env.AUTH_URL);
  return [
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    ...(secure ? ["Secure", "__Host- prefix"] : []),
    `Expires: ${Math.round(maxAge / 86_400)} days after it is set`,
  ];
}

/** The cookie's chunks from a Cookie header: names and sizes only. */
function describeCookie(cookieHeader: string): CookieDescription {
  const name = currentSessionCookieName();
  const chunk = new RegExp(`^${name.replace(/[.]/g, "\\.")}(\\.\\d+)?$`);
  const parts = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .filter((part) => chunk.test(part.split("=")[0] ?? ""));
  return {
    name,
    bytes: parts.reduce((sum, part) => sum + Buffer.byteLength(part, "utf8"), 0),
    chunks: parts.length,
    attributes: cookieAttributes(env.AUTH_SESSION_MAX_AGE),
  };
}

async function storedFor(userId: string, rows: number): Promise<StoredForUser> {
  const progressRow = (await getDb().formProgress.count({ where: { userId } })) > 0;
  const mode = currentModeId();
  const note =
    mode === "database"
      ? "A Session row per signed-in device (the token's SHA-256, never the token), and your onboarding progress in FormProgress."
      : serverKeepsSessions(mode)
        ? "A registry row per signed-in device (the sid's SHA-256); your onboarding progress lives in the token, not here."
        : "Nothing about your sessions: the token is the whole session. Your onboarding progress lives in the token.";
  return { sessionRows: rows, progressRow, note };
}

function decodeHeader(value: string): ClaimRow[] {
  const [segment = ""] = value.split(".");
  const header: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  if (typeof header !== "object" || header === null) return [];
  const notes: Record<string, string> = {
    alg: "dir: the key is used directly, no key wrapping",
    enc: "AES-256-CBC with HMAC-SHA-512",
    kid: "thumbprint of the key derived from AUTH_SECRET (picks the secret while rotating); shown truncated",
  };
  return Object.entries(header).map(([name, item]) => ({
    name,
    value: name === "kid" && typeof item === "string" ? truncate(item) : String(item),
    note: notes[name] ?? "",
  }));
}

/**
 * This request's session as the server sees it, or null when it carries none (or a refused one). The
 * session check is run here once more, inside a statement counter and without the session cache or the
 * cache of accepted tokens (which would answer this repeat of proxy.ts's check from memory), so its cost
 * is that of a check of its own.
 */
export async function describeRequestSession(headers: Headers): Promise<RequestSessionDescription | null> {
  const cookieHeader = headers.get("cookie") ?? "";
  const value = await sessionCookieFromHeader(cookieHeader);
  if (!value) return null;
  // Without this instance's session cache or its cache of accepted tokens: the check's own cost, not a
  // repeat of the one proxy.ts just made.
  const measured = await countStatements(() => withoutSessionCache(() => withoutTokenCache(() => checkSessionCookie(value))));
  const { session } = measured.result;
  if (!session) return null;
  const mode = currentModeId();
  const check = { milliseconds: measured.milliseconds, statements: measured.statements };
  const cookie = describeCookie(cookieHeader);
  const copyAfterSignOut = COPY_AFTER_SIGN_OUT[mode];
  const describedAt = Date.now() / 1000;

  if (env.AUTH_SESSION_STRATEGY === "database") {
    const hash = hashSessionToken(value);
    const rows = await listSessionRows(session.user.id);
    const own = rows.find((row) => row.tokenHash === hash);
    const absoluteEnd = own ? new Date(own.createdAt.getTime() + env.AUTH_SESSION_ABSOLUTE_MAX_AGE * 1000) : null;
    return {
      mode,
      kind: "database",
      cookie,
      check,
      copyAfterSignOut,
      describedAt,
      expiresAt: own ? Math.floor(own.expires.getTime() / 1000) : null,
      row: own
        ? {
            id: own.id,
            tokenHashPrefix: truncate(own.tokenHash),
            createdAt: own.createdAt.toISOString(),
            lastSeenAt: own.lastSeenAt.toISOString(),
            expires: own.expires.toISOString(),
            absoluteEnd: absoluteEnd?.toISOString() ?? "",
            userAgent: own.userAgent,
            ip: own.ip,
          }
        : null,
      stored: await storedFor(session.user.id, rows.length),
    };
  }

  // What the browser holds: the cookie's own claims, before the check re-read anything.
  const claims = decodeSessionTokenNow(value, currentSessionCookieName()) ?? {};
  const rows = serverKeepsSessions(mode) ? (await listSessionRows(session.user.id)).length : 0;
  return {
    mode,
    kind: "jwt",
    cookie,
    check,
    copyAfterSignOut,
    describedAt,
    expiresAt: typeof claims.exp === "number" ? claims.exp : null,
    header: decodeHeader(value),
    claims: Object.entries(claims).map(([name, item]) => ({ name, value: claimValue(name, item), note: CLAIM_NOTES[name] ?? "" })),
    progress: claims.progress ? JSON.stringify(claims.progress, null, 2) : null,
    stored: await storedFor(session.user.id, rows),
  };
}
