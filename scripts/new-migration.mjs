#!/usr/bin/env node
// `npm run db:migration:new -- <name>`: writes prisma/migrations/sqlite/<timestamp>_<name>/migration.sql
// from the difference between the committed schema (git HEAD) and the working prisma/schema.prisma.
// `prisma migrate dev` cannot run offline with the WebAssembly engine; `migrate diff` can, given
// placeholder engine paths it checks for but never uses.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, fail, log } from "./lib/run.mjs";

const name = process.argv[2]?.trim();
if (!name || !/^[a-z0-9_]+$/.test(name)) fail("usage: npm run db:migration:new -- <snake_case_name>");

const work = mkdtempSync(join(tmpdir(), "auth-modes-migration-"));
let previous = null;
try {
  previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch {
  log("no committed schema yet: diffing from an empty database");
}
const from = previous === null ? ["--from-empty"] : ["--from-schema-datamodel", join(work, "previous.prisma")];
if (previous !== null) writeFileSync(join(work, "previous.prisma"), previous);

const placeholder = process.execPath; // any existing executable satisfies the CLI's check
mkdirSync("data", { recursive: true });
const sql = execFileSync(bin("prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  encoding: "utf8",
  env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_SCHEMA_ENGINE_BINARY: placeholder },
});
if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
  log("the schema has not changed since HEAD: no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = join("prisma", "migrations", "sqlite", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, "migration.sql"), sql);
log(`wrote ${join(folder, "migration.sql")}; review it, then commit it with the schema change`);
