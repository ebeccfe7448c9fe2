import "server-only";
import { connection } from "next/server";
import { env, type SessionStrategy } from "@/lib/env";

export type ModeInfo = { strategy: SessionStrategy; label: string; phrase: string; summary: string };

const MODES: Record<SessionStrategy, Omit<ModeInfo, "strategy">> = {
  database: {
    label: "Database sessions",
    phrase: "database sessions",
    summary:
      "Your cookie holds an opaque random token. The session lives in the database (hashed), so every request looks it up and sign-out deletes it.",
  },
  jwt: {
    label: "JWT sessions",
    phrase: "JWT sessions",
    summary:
      "Your cookie holds the whole session as an encrypted token (JWE). Requests are verified by decrypting it; nothing about the session is stored on the server.",
  },
};

/** The active strategy, read at request time so the build never bakes one in. */
export async function getModeInfo(): Promise<ModeInfo> {
  await connection();
  const strategy = env.AUTH_SESSION_STRATEGY;
  return { strategy, ...MODES[strategy] };
}
