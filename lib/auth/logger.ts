import type { NextAuthConfig } from "next-auth";

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

// Expected outcomes (a refused password) are one line, not a stack trace; real errors keep their detail.
const EXPECTED = new Set(["CredentialsSignin"]);

export const authLogger: AuthLogger = {
  error(error) {
    if (EXPECTED.has(error.name)) {
      console.info(`[auth] ${error.name}: sign-in refused`);
      return;
    }
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : "";
    console.error(`[auth][error] ${error.name}: ${error.message}${cause}`);
  },
  warn(code) {
    console.warn(`[auth][warn] ${code}`);
  },
  debug() {},
};
