import { AuthError, type NextAuthConfig } from "next-auth";

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

// Expected outcomes (a refused password) are one line, not a stack trace; real errors keep their detail.
// Auth.js errors are identified by `type`: class names do not survive minification.
const EXPECTED = new Set(["CredentialsSignin"]);

export const authLogger: AuthLogger = {
  error(error) {
    const type = error instanceof AuthError ? error.type : error.name;
    if (EXPECTED.has(type)) {
      console.info(`[auth] ${type}: sign-in refused`);
      return;
    }
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : "";
    console.error(`[auth][error] ${type}: ${error.message}${cause}`);
  },
  warn(code) {
    console.warn(`[auth][warn] ${code}`);
  },
  debug() {},
};
