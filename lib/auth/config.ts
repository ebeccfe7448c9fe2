import "server-only";
import type { NextAuthConfig, Session } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import { recordActivity } from "@/lib/activity/record";
import { authSecrets, env } from "@/lib/env";
import { authRedirect } from "@/lib/safe-redirect";
import { authorizeCredentials } from "./authorize";
import { sessionCookieName, usesSecureCookies } from "./cookies";
import { encodeDatabaseSession, hashedTokenAdapter } from "./database-session";
import { decodeSessionToken, encodeSessionToken } from "./jwt";
import { jwtCallback } from "./jwt-callback";
import { authLogger } from "./logger";
import { serverKeepsSessions } from "./mode";
import { deleteSessionRow } from "./session-rows";
import { hashSessionToken } from "./session-token";
import type { SessionUser } from "./types";

/** The whole of what a session exposes, in both modes: never a token, hash or database row. */
function sessionDto(user: SessionUser, expires: string | Date): Session {
  const { id, name, email, role } = user;
  return {
    user: { id, name, email, role },
    expires: (typeof expires === "string" ? expires : expires.toISOString()) as Session["expires"],
  };
}

function fromAdapterUser(user: AdapterUser): SessionUser {
  return { id: user.id, name: user.name ?? null, email: user.email, role: user.role ?? "USER" };
}

const credentials = Credentials({
  credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
  authorize: authorizeCredentials,
});

/** Builds the Auth.js configuration for the strategy chosen at server start. */
export function buildAuthConfig(): NextAuthConfig {
  const secure = usesSecureCookies(env.AUTH_URL);
  const session = { maxAge: env.AUTH_SESSION_MAX_AGE, updateAge: env.AUTH_SESSION_UPDATE_AGE };
  const base = {
    secret: authSecrets(),
    // Next.js resolves the host; AUTH_URL pins it in production.
    trustHost: true,
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    pages: { signIn: "/login" },
    providers: [credentials],
    // Each strategy below adds its own callbacks to these.
    callbacks: { redirect: authRedirect },
    logger: authLogger,
  } satisfies NextAuthConfig;

  if (env.AUTH_SESSION_STRATEGY === "database") {
    return {
      ...base,
      // session.strategy stays unset: with an adapter it defaults to "database", while setting it
      // explicitly next to a Credentials-only provider list is refused by Auth.js.
      adapter: hashedTokenAdapter(),
      session,
      jwt: { encode: encodeDatabaseSession },
      events: {
        async signOut(message) {
          if ("session" in message && message.session) {
            const { userId, sessionToken } = message.session;
            await recordActivity({ type: "signout", userId, session: { hash: hashSessionToken(sessionToken) } });
          }
        },
      },
      callbacks: {
        ...base.callbacks,
        jwt: ({ token, user }) => (user?.id ? { sub: user.id } : token),
        session: ({ session, user }) => sessionDto(fromAdapterUser(user), session.expires),
      },
    };
  }

  const registry = serverKeepsSessions();
  return {
    ...base,
    session: { strategy: "jwt", ...session },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    events: {
      // With a registry, signing out deletes the entry: a copy of the token stops working too.
      async signOut(message) {
        if (!("token" in message) || !message.token) return;
        const { sid, sub } = message.token;
        if (registry && sid) await deleteSessionRow(sid);
        if (sub) await recordActivity({ type: "signout", userId: sub, session: sid ? { hash: hashSessionToken(sid) } : null });
      },
    },
    callbacks: {
      ...base.callbacks,
      jwt: jwtCallback,
      session({ session, token }) {
        const user: SessionUser = {
          id: token.sub ?? "",
          name: token.name ?? null,
          email: token.email ?? "",
          role: token.role ?? "USER",
        };
        return sessionDto(user, session.expires);
      },
    },
  };
}
