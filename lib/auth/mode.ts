import "server-only";
import { connection } from "next/server";
import { env } from "@/lib/env";

export type ModeId = "database" | "jwt" | "jwt-stateless";

export type ModeInfo = {
  mode: ModeId;
  label: string;
  phrase: string;
  summary: string;
  /** Whether a server-side session list exists, so sign-out and revocation reach every copy. */
  revocable: boolean;
};

const MODES: Record<ModeId, Omit<ModeInfo, "mode">> = {
  database: {
    label: "Database sessions",
    phrase: "database sessions",
    summary:
      "Your cookie holds an opaque random token. The session lives in the database (hashed), so every request looks it up and sign-out deletes it.",
    revocable: true,
  },
  jwt: {
    label: "JWT sessions",
    phrase: "JWT sessions",
    summary:
      "Your cookie holds the session as an encrypted token (JWE). Each request decrypts it and checks its session id against a registry, so sign-out and revocation take effect at once.",
    revocable: true,
  },
  "jwt-stateless": {
    label: "Stateless JWT sessions",
    phrase: "stateless JWT sessions",
    summary:
      "Your cookie holds the whole session as an encrypted token (JWE) and the server stores nothing about it. Sign-out only clears this browser's cookie: a copy of the token keeps working until it expires.",
    revocable: false,
  },
};

export function currentModeId(): ModeId {
  if (env.AUTH_SESSION_STRATEGY === "database") return "database";
  return env.AUTH_JWT_REVOCATION === "sid" ? "jwt" : "jwt-stateless";
}

/** The active mode, read at request time so the build never bakes one in. */
export async function getModeInfo(): Promise<ModeInfo> {
  await connection();
  const mode = currentModeId();
  return { mode, ...MODES[mode] };
}

/**
 * Whether proxy.ts re-issues the session cookie to slide its expiry. Only in database mode, where the
 * cookie value never changes: a refreshed copy that arrives late carries the same token, which is
 * worthless once its row is deleted. A re-issued JWT racing a sign-out or a progress update would
 * bring back the older token, so jwt modes do not slide in the proxy.
 */
export function slidesSessionInProxy(): boolean {
  return env.AUTH_SESSION_STRATEGY === "database";
}
