import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { buildAuthConfig } from "./config";

let config: NextAuthConfig | undefined;

// Lazy: the configuration (and so the strategy) is built on first use at run time, never at build.
export const {
  auth,
  handlers,
  signIn,
  signOut,
  unstable_update: update,
} = NextAuth(() => {
  config ??= buildAuthConfig();
  return config;
});
