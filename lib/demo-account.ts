import { getEnv, isProduction, type Env } from "@/lib/env";
import { DEMO_USER } from "@/lib/users";

/**
 * What the sign-in page may say about the demo account: its email and password while it is seeded outside
 * production, and nothing in production, even when SEED_DEMO_USER=force seeds it there.
 */
export function demoAccountHint(config: Pick<Env, "SEED_DEMO_USER" | "NODE_ENV"> = getEnv()): { email: string; password: string } | null {
  if (!config.SEED_DEMO_USER || isProduction(config)) return null;
  return { email: DEMO_USER.email, password: DEMO_USER.password };
}
