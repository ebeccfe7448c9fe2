import { EnvError, parseEnv } from "../lib/env";

// Run by scripts/start.mjs before building, so a typo is reported in a second, not after a build.
try {
  const env = parseEnv(process.env);
  console.log(`[auth-modes] configuration OK: AUTH_SESSION_STRATEGY=${env.AUTH_SESSION_STRATEGY}`);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`[auth-modes] ${error.message}`);
  process.exit(1);
}
