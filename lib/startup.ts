import { EnvError, getEnv, isProduction } from "@/lib/env";

/** Runs once when the server starts: refuse a bad configuration, then seed the demo account. */
export async function startup(): Promise<void> {
  let config;
  try {
    config = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[auth-modes] ${error.message}\n[auth-modes] Fix the configuration and start again.`);
      process.exit(1);
    }
    throw error;
  }
  console.log(`[auth-modes] session strategy: ${config.AUTH_SESSION_STRATEGY}`);
  if (config.AUTH_BCRYPT_COST < 12) {
    console.warn(`[auth-modes] AUTH_BCRYPT_COST=${config.AUTH_BCRYPT_COST} is below 12: fine for tests, not for production.`);
  }
  // WAL lets readers and a writer work at once (the default journal blocks reads during a write);
  // the setting is stored in the database file.
  const { getDb } = await import("@/lib/db");
  await getDb().$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if (config.SEED_DEMO_USER) {
    const { ensureDemoUser, DEMO_USER } = await import("@/lib/users");
    if (await ensureDemoUser()) console.log(`[auth-modes] created the demo account ${DEMO_USER.email}`);
    if (isProduction(config)) console.warn(`[auth-modes] SEED_DEMO_USER=force: ${DEMO_USER.email}, whose password is published, can sign in to this production server.`);
  }
}
