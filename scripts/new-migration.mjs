#!/usr/bin/env node
// `npm run db:migration:new -- <name>`: writes prisma/migrations/<provider>/<timestamp>_<name>/migration.sql
// for both providers (sqlite, postgresql), from the difference between the committed schema (git HEAD)
// and the working prisma/schema.prisma (PostgreSQL's schema is derived from it, and rewritten here).
// `prisma migrate dev` cannot run offline with the WebAssembly engine; `migrate diff` can, given
// placeholder engine paths it checks for but never uses. For PostgreSQL, `migrate diff` connects to a
// server (it writes nothing): DATABASE_URL when it is a postgresql:// URL, else the local one.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPostgres } from "./lib/postgres-check.mjs";
import { bin, fail, log } from "./lib/run.mjs";
import { derivePostgresSchema, readDerivedSchema, SCHEMAS } from "./lib/schemas.mjs";

const name = process.argv[2]?.trim();
if (!name || !/^[a-z0-9_]+$/.test(name)) fail("usage: npm run db:migration:new -- <snake_case_name>");

const postgresUrl = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL
  : "postgresql://postgres@127.0.0.1:5432/postgres";
const problem = await checkPostgres(postgresUrl);
if (problem) fail(`${problem} (the PostgreSQL migration is computed by a PostgreSQL server; set DATABASE_URL to one)`);

const work = mkdtempSync(join(tmpdir(), "auth-modes-migration-"));
let previous = null;
try {
  previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch {
  log("no committed schema yet: diffing from an empty database");
}
writeFileSync(SCHEMAS.postgresql.schema, readDerivedSchema());

const PROVIDERS = {
  sqlite: { url: `file:${join(work, "diff.db")}`, previous },
  postgresql: { url: postgresUrl, previous: previous === null ? null : derivePostgresSchema(previous) },
};
const placeholder = process.execPath; // any existing executable satisfies the CLI's check
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
try {
  for (const [provider, { url, previous: before }] of Object.entries(PROVIDERS)) {
    const { schema, migrations } = SCHEMAS[provider];
    const from = before === null ? ["--from-empty"] : ["--from-schema-datamodel", join(work, `previous-${provider}.prisma`)];
    if (before !== null) writeFileSync(join(work, `previous-${provider}.prisma`), before);
    const sql = execFileSync(bin("prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_SCHEMA_ENGINE_BINARY: placeholder },
    });
    if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
      log(`${provider}: the schema has not changed since HEAD: no migration written`);
      continue;
    }
    const folder = join(migrations, `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "migration.sql"), sql);
    log(`wrote ${join(folder, "migration.sql")}; review it, then commit it with the schema change`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
