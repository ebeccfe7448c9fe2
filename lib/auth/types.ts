import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Progress } from "@/lib/progress/model";

/** What the app knows about the signed-in user: the whole of what a session exposes, in both modes. */
export type SessionUser = {
  id: string;
  name: string | null;
  email: string;
  role: Role;
};

/** A checked session as pages and actions see it (lib/dal.ts). */
export type VerifiedSession = { user: SessionUser; expires: string };

declare module "next-auth" {
  interface Session {
    user: SessionUser & DefaultSession["user"];
  }
  interface User {
    role?: Role;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    /** Seconds since the epoch when the user signed in: the absolute lifetime counts from here. */
    authTime?: number;
    /**
     * Seconds since the epoch when the user (or, with a registry, the session) was last read from the
     * database: set only by that read, never by re-encoding (lib/auth/freshness.ts).
     */
    checkedAt?: number;
    /** AUTH_JWT_REVOCATION=sid: the session registry entry this token belongs to (stored hashed). */
    sid?: string;
    /** AUTH_JWT_REVOCATION=version: the user's tokenVersion when this token was issued; a bump ends it. */
    ver?: number;
    /** jwt mode only: onboarding progress, written solely by lib/progress/token-update.ts. */
    progress?: Progress;
  }
}
