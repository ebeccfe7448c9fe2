import "server-only";
import type { NextAuthConfig, Session } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { loginSchema } from "@/lib/forms/auth";
import { authenticate } from "@/lib/users";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS, sessionCookieName, usesSecureCookies } from "./cookies";
import { encodeDatabaseSession, hashedTokenAdapter } from "./database-session";
import { applyTokenUpdate } from "@/lib/progress/token-update";
import { rememberToken } from "./current-token";
import { authLogger } from "./logger";
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
  async authorize(raw) {
    const parsed = loginSchema.safeParse(raw);
    if (!parsed.success) return null;
    return authenticate(parsed.data);
  },
});

/** Builds the Auth.js configuration for the strategy chosen at server start. */
export function buildAuthConfig(): NextAuthConfig {
  const secure = usesSecureCookies(env.AUTH_URL);
  const base = {
    secret: env.AUTH_SECRET,
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
    logger: authLogger,
  } satisfies NextAuthConfig;

  if (env.AUTH_SESSION_STRATEGY === "database") {
    return {
      ...base,
      // session.strategy stays unset: with an adapter it defaults to "database", while setting it
      // explicitly next to a Credentials-only provider list is refused by Auth.js.
      adapter: hashedTokenAdapter(),
      session: { maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
      jwt: { encode: encodeDatabaseSession },
      callbacks: {
        jwt: ({ token, user }) => (user?.id ? { sub: user.id } : token),
        session: ({ session, user }) => sessionDto(fromAdapterUser(user), session.expires),
      },
    };
  }

  return {
    ...base,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (user?.id) {
          return { sub: user.id, name: user.name ?? null, email: user.email, role: user.role ?? "USER" };
        }
        // Posted update data is never read: only a server action's command changes the token.
        const current = trigger === "update" ? await applyTokenUpdate(token) : token;
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
