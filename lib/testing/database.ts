import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, vi } from "vitest";
import type { DatabaseProvider } from "@/lib/database-url";
import { createDatabase, dropDatabase, testDatabaseName, testDatabaseUrl } from "./postgres";

/** The database the current Vitest project tests against: `postgresql` in that project, else SQLite. */
export function testDatabaseProvider(): DatabaseProvider {
  return process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * A fresh database migrated with the committed migrations, and the environment pointed at it: a SQLite
 * file, or (in the `postgresql` project) a copy of the run's migrated PostgreSQL database. Await
 * `setup` in beforeAll (before importing modules that read env) and `teardown` in afterAll.
 */
export function temporaryDatabase(name: string, extraEnv: Record<string, string> = {}, provider = testDatabaseProvider()) {
  const dir = provider === "sqlite" ? mkdtempSync(join(tmpdir(), `auth-modes-${name}-`)) : null;
  const pgName = provider === "postgresql" ? testDatabaseName(name) : null;
  const url = dir ? `file:${join(dir, "test.db")}` : testDatabaseUrl(pgName ?? "");
  const stubEnv = () => {
    vi.stubEnv("DATABASE_URL", url);
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    vi.stubEnv("AUTH_BCRYPT_COST", "4");
    for (const [key, value] of Object.entries(extraEnv)) vi.stubEnv(key, value);
  };
  return {
    url,
    provider,
    async setup() {
      if (pgName) {
        await createDatabase(pgName, inject("postgresTemplate"));
      } else {
        execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
          env: { ...process.env, DATABASE_URL: url },
          stdio: "ignore",
        });
      }
      stubEnv();
    },
    async teardown() {
      const { getDb } = await import("@/lib/db");
      await getDb().$disconnect();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (pgName) await dropDatabase(pgName);
    },
  };
}
