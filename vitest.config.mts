import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Tests of what must behave the same on both databases (atomic claims, throttling, idempotency,
 * optimistic versions, pruning, the Auth.js adapter): the `postgresql` project runs them again with
 * DATABASE_URL on a fresh PostgreSQL database per file (lib/testing/database.ts).
 */
export const ON_BOTH_DATABASES = [
  "lib/auth/throttle.test.ts",
  "lib/users-throttle.test.ts",
  "lib/users.test.ts",
  "lib/admin/last-admin.test.ts",
  "lib/admin/users.test.ts",
  "lib/admin/setup-code.test.ts",
  "lib/admin/bootstrap.test.ts",
  "lib/progress/database.test.ts",
  "lib/onboarding/service.test.ts",
  "lib/auth/prune.test.ts",
  "lib/auth/adapter.contract.test.ts",
  "lib/activity/query.test.ts",
  "lib/auth/session-check.test.ts",
  "lib/auth/session-cache.test.ts",
  "lib/flows/recorder.test.ts",
  "lib/db-statements.test.ts",
  "scripts/migrations.test.ts",
  "lib/api/families.test.ts",
  "lib/auth/token-version.test.ts",
];

/** PostgreSQL only: connection loss through a relay the test controls. */
const POSTGRESQL_ONLY = ["lib/**/*.postgresql.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React Server Components; in unit tests it is a no-op.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // Vitest's default on two cores is one worker; the tests wait on databases and child processes as much
    // as they compute (two workers: the whole suite in 111 s on an idle two-core machine).
    maxWorkers: 2,
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    reporters: process.env.CI
      ? ["dot", ["json", { outputFile: "reports/vitest.json" }]]
      : ["default", ["json", { outputFile: "reports/vitest.json" }]],
    projects: [
      { extends: true, test: { name: "sqlite", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"], exclude: POSTGRESQL_ONLY } },
      {
        extends: true,
        test: {
          name: "postgresql",
          include: [...ON_BOTH_DATABASES, ...POSTGRESQL_ONLY],
          env: { TEST_DATABASE: "postgresql" },
          globalSetup: ["lib/testing/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
