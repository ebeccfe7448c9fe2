import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";

/**
 * A fresh SQLite file migrated with the committed migrations, and the environment pointed at it.
 * Call `setup` in beforeAll (before importing modules that read env) and `teardown` in afterAll.
 */
export function temporaryDatabase(name: string, extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `auth-modes-${name}-`));
  const url = `file:${join(dir, "test.db")}`;
  return {
    url,
    setup() {
      execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
      vi.stubEnv("DATABASE_URL", url);
      vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
      vi.stubEnv("AUTH_BCRYPT_COST", "4");
      for (const [key, value] of Object.entries(extraEnv)) vi.stubEnv(key, value);
    },
    async teardown() {
      const { getDb } = await import("@/lib/db");
      await getDb().$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
