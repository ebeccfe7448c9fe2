import "server-only";
import { update } from "@/lib/auth";
import { env } from "@/lib/env";
import { databaseProgressStore } from "./database";
import type { ProgressStore } from "./store";
import { createTokenProgressStore } from "./token";

let tokenStore: ProgressStore | undefined;

/** The one place that picks where onboarding progress lives, from the session strategy. */
export function getProgressStore(): ProgressStore {
  if (env.AUTH_SESSION_STRATEGY === "database") return databaseProgressStore;
  tokenStore ??= createTokenProgressStore(update);
  return tokenStore;
}

/** API clients (lib/api) keep their progress on the server whatever the browser strategy: a bearer client has no cookie to carry it. */
export function getApiProgressStore(): ProgressStore {
  return databaseProgressStore;
}
