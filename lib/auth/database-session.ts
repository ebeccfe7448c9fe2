import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import type { JWTEncodeParams } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { getRequestMeta } from "@/lib/request-meta";
import { generateSessionToken, hashSessionToken } from "./session-token";

// Database sessions with the Credentials provider. Auth.js always ends a credentials sign-in with
// `jwt.encode(token)` and puts the result in the cookie; in database mode that encode creates the
// Session row instead and returns its opaque token. The row stores only SHA-256 of the token, so the
// adapter below hashes every token it is handed before it reaches the database.

export function hashedTokenAdapter(): Adapter {
  const base = PrismaAdapter(getDb());
  return {
    ...base,
    async getSessionAndUser(sessionToken) {
      const found = await getDb().session.findUnique({
        where: { sessionToken: hashSessionToken(sessionToken) },
        include: { user: true },
      });
      if (!found) return null;
      const { user, ...session } = found;
      return { session, user };
    },
    async updateSession({ sessionToken, ...data }) {
      const updated = await getDb().session.updateMany({
        where: { sessionToken: hashSessionToken(sessionToken) },
        data: { expires: data.expires },
      });
      return updated.count ? null : undefined;
    },
    async deleteSession(sessionToken) {
      await getDb().session.deleteMany({ where: { sessionToken: hashSessionToken(sessionToken) } });
      return null;
    },
  };
}

/** `jwt.encode` for database mode: creates the Session row and returns the cookie value. */
export async function encodeDatabaseSession(params: JWTEncodeParams): Promise<string> {
  const userId = params.token?.sub;
  if (!userId) throw new Error("Cannot create a database session without a user id");
  const maxAgeSeconds = params.maxAge ?? 30 * 24 * 60 * 60;
  const token = generateSessionToken();
  const { userAgent, ip } = await getRequestMeta();
  await getDb().session.create({
    data: {
      sessionToken: hashSessionToken(token),
      userId,
      expires: new Date(Date.now() + maxAgeSeconds * 1000),
      userAgent,
      ip,
    },
  });
  return token;
}
