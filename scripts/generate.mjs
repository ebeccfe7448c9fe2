#!/usr/bin/env node
// `npm install` (postinstall) and `npm run db:generate`: derives prisma/postgresql/schema.prisma from the
// one model definition, then generates both Prisma clients (lib/generated/prisma for SQLite,
// lib/generated/postgresql for PostgreSQL). The app picks one by DATABASE_URL (lib/db.ts).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { bin, log } from "./lib/run.mjs";
import { readDerivedSchema, SCHEMAS } from "./lib/schemas.mjs";

const derived = readDerivedSchema();
let current = null;
try {
  current = readFileSync(SCHEMAS.postgresql.schema, "utf8");
} catch {
  // not written yet
}
if (current !== derived) {
  writeFileSync(SCHEMAS.postgresql.schema, derived);
  log(`wrote ${SCHEMAS.postgresql.schema} (derived from ${SCHEMAS.sqlite.schema})`);
}
// prisma.config.ts picks the CLI's driver adapter by DATABASE_URL, and it must match the schema's
// provider; generating connects to nothing, so a placeholder URL of the right kind will do.
const PLACEHOLDER_URL = { sqlite: "file:./data/app.db", postgresql: "postgresql://localhost/generate" };
for (const [provider, { schema }] of Object.entries(SCHEMAS)) {
  execFileSync(bin("prisma"), ["generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: PLACEHOLDER_URL[provider] },
  });
}
