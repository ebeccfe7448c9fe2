import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, testDatabaseName, testDatabaseUrl } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** A database migrated with prisma/migrations/postgresql, copied for each test file (lib/testing/database.ts). */
    postgresTemplate: string;
  }
}

/**
 * The `postgresql` Vitest project: one database migrated with the committed PostgreSQL migrations per
 * run, which each test file copies (CREATE DATABASE … TEMPLATE, much faster than migrating), dropped
 * at the end. Fails at once, in one line, when PostgreSQL is not running.
 */
export default async function setup(project: TestProject) {
  const template = testDatabaseName("template");
  await createDatabase(template);
  try {
    execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(template) },
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    await dropDatabase(template);
    throw error;
  }
  project.provide("postgresTemplate", template);
  return async () => {
    await dropDatabase(template);
  };
}
