import "server-only";
import type { NextAuthConfig, Session } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import { authSecrets, env } from "@/lib/env";
import { recordActivity } from "@/lib/activity/record";
import { findActiveUser } from "@/lib/users";
import { authRedirect } from "@/lib/safe-redirect";
import { authorizeCredentials } from "./authorize";
import { sessionCookieName, usesSecureCookies } from "./cookies";
import { encodeDatabaseSession, hashedTokenAdapter } from "./database-session";
import { createSessionRow, deleteSessionRow, expireSessionRow, findLiveSession } from "./session-rows";
import { applyTokenUpdate } from "@/lib/progress/token-update";
import { rememberToken } from "./current-token";
import { decodeSessionToken, encodeSessionToken } from "./jwt";
import { authLogger } from "./logger";
import { nowSeconds, userCheckDue } from "./freshness";
import { serverKeepsSessions } from "./mode";
import { sessionEndReason } from "./lifetime";
import { generateSessionToken, hashSessionToken } from "./session-token";
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
      async jwt({ token, user, trigger }) {
        if (user?.id) {
          // Every token carries a sid: checked against the registry in `sid` mode; in `off` mode it only
          // lets the activity trail group one session's events.
          const sid = registry ? await createSessionRow(user.id) : generateSessionToken();
          await recordActivity({ type: "signin.success", userId: user.id, session: { hash: hashSessionToken(sid) } });
          // authorize() has just read the user: the sign-in is the first check.
          const now = nowSeconds();
          return { sub: user.id, name: user.name ?? null, email: user.email, role: user.role ?? "USER", authTime: now, checkedAt: now, sid };
        }
        // Idle timeout: the token's own expiry, to the second (jose's decode allows 15 s of clock skew).
        // Absolute lifetime: counted from sign-in, however active the session has been.
        const ended = token.authTime
          ? sessionEndReason(typeof token.exp === "number" ? token.exp * 1000 : Infinity, (token.authTime + env.AUTH_SESSION_ABSOLUTE_MAX_AGE) * 1000, nowSeconds() * 1000)
          : "absolute";
        if (ended) {
          if (registry && token.sid && token.sub) await expireSessionRow(token.sid, token.sub, ended);
          return null;
        }
        let current = token;
        if (registry) {
          // Every request checks the registry, so revocation, disabling and role changes apply at once.
          const live = token.sid ? await findLiveSession(token.sid) : null;
          if (!live) return null;
          current = { ...token, name: live.user.name, email: live.user.email, role: live.user.role, checkedAt: nowSeconds() };
        } else if (trigger === "update" || userCheckDue(token.checkedAt, env.AUTH_SESSION_UPDATE_AGE)) {
          // Stateless: the user is read again once the last read is AUTH_SESSION_UPDATE_AGE old, whoever
          // runs this callback (a page load, a server action, a client polling /api/auth/session), so a
          // role change or a disabled account reaches every copy of the token within that time of its
          // next use. Re-encoding alone never moves `checkedAt` (lib/auth/freshness.ts).
          const fresh = token.sub ? await findActiveUser(token.sub) : null;
          if (!fresh) return null;
          current = { ...token, name: fresh.name, email: fresh.email, role: fresh.role, checkedAt: nowSeconds() };
        }
        // Posted update data is never read: only a server action's command changes the token.
        if (trigger === "update") current = await applyTokenUpdate(current);
        rememberToken(current);
        return current;
      },
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
