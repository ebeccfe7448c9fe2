import { EnvError, getEnv, isProduction, retiredSettings } from "@/lib/env";

/**
 * Runs once when the server starts: refuse a bad configuration, seed the demo account, and while no
 * active admin exists print a one-time setup code.
 */
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
  const { cachesOfMode } = await import("@/lib/auth/mode");
  console.log(`[auth-modes] per-instance caches: ${cachesOfMode(config.AUTH_SESSION_CACHE_TTL_MS)} (AUTH_SESSION_CACHE_TTL_MS)`);
  // Queued page views are written before the process stops (lib/activity/buffer.ts).
  const { flushBuffersOnShutdown } = await import("@/lib/activity/buffer");
  flushBuffersOnShutdown({ exitAfterwards: config.NEXT_MANUAL_SIG_HANDLE });
  for (const warning of retiredSettings()) console.warn(`[auth-modes] ${warning}`);
  if (config.AUTH_BCRYPT_COST < 12) {
    console.warn(`[auth-modes] AUTH_BCRYPT_COST=${config.AUTH_BCRYPT_COST} is below 12: fine for tests, not for production.`);
  }
  // SQLite: WAL lets readers and a writer work at once (the default journal blocks reads during a
  // write); the setting is stored in the database file.
  const { databaseProvider, getDb } = await import("@/lib/db");
  if (databaseProvider() === "sqlite") await getDb().$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if (config.SEED_DEMO_USER) {
    const { ensureDemoUser, DEMO_USER } = await import("@/lib/users");
    if (await ensureDemoUser()) console.log(`[auth-modes] created the demo account ${DEMO_USER.email}`);
    if (isProduction(config))
      console.warn(
        `[auth-modes] SEED_DEMO_USER=force: ${DEMO_USER.email}, whose password is published, can sign in to this production server.`,
      );
  }
  await printSetupCode();
}

/**
 * The setup code goes to the log only: whoever reads the server's log runs the server, and nobody else
 * can. It is printed once; its SHA-256 is what the database keeps.
 */
async function printSetupCode(): Promise<void> {
  const { issueSetupCode } = await import("@/lib/admin/setup-code");
  const { formatSetupCode } = await import("@/lib/forms/setup");
  const issued = await issueSetupCode();
  if (!issued) return;
  console.log(
    [
      "[auth-modes] No active admin yet. To become the admin, sign in (register first if needed), open /setup and enter this one-time code:",
      `[auth-modes]   setup code: ${formatSetupCode(issued.code)}  (works once, until ${issued.expiresAt.toISOString()}; a restart prints a new one)`,
      "[auth-modes] Or, on this machine: npm run admin -- grant <email>",
    ].join("\n"),
  );
}
