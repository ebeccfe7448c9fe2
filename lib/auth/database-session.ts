import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import type { JWTEncodeParams } from "next-auth/jwt";
import { recordActivity } from "@/lib/activity/record";
import { getDb } from "@/lib/db";
import { createSessionRow, deleteSessionRow, findLiveSession, findSessionRow } from "./session-rows";
import { hashSessionToken } from "./session-token";

// Database sessions with the Credentials provider. Auth.js always ends a credentials sign-in with
// `jwt.encode(token)` and puts the result in the cookie; in database mode that encode creates the
// Session row instead and returns its opaque token. Rows store only SHA-256 of the token, so every
// adapter method below hashes the token it is handed (through lib/auth/session-rows.ts).

export function hashedTokenAdapter(): Adapter {
  const base = PrismaAdapter(getDb());
  return {
    ...base,
    async getSessionAndUser(sessionToken) {
      return findLiveSession(sessionToken);
    },
    async updateSession({ sessionToken, expires }) {
      await getDb().session.updateMany({ where: { sessionToken: hashSessionToken(sessionToken) }, data: { expires } });
      return null;
    },
    // Returns what was deleted so that events.signOut can record whose session ended.
    async deleteSession(sessionToken) {
      const row = await findSessionRow(sessionToken);
      await deleteSessionRow(sessionToken);
      return row ? { sessionToken, userId: row.userId, expires: row.expires } : null;
    },
  };
}

/** `jwt.encode` for database mode: creates the Session row and returns the cookie value. */
export async function encodeDatabaseSession(params: JWTEncodeParams): Promise<string> {
  const userId = params.token?.sub;
  if (!userId) throw new Error("Cannot create a database session without a user id");
  const token = await createSessionRow(userId);
  await recordActivity({ type: "signin.success", userId, session: { hash: hashSessionToken(token) } });
  return token;
}
