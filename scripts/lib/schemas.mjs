// The one model definition is prisma/schema.prisma (SQLite). PostgreSQL's schema is derived from it:
// the same models with the datasource provider and the client's output folder swapped. Prisma schemas
// carry exactly one provider each, hence two files and two generated clients.
import { readFileSync } from "node:fs";

export const SCHEMAS = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations/sqlite", client: "lib/generated/prisma" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/migrations/postgresql", client: "lib/generated/postgresql" },
};

const HEADER = "// GENERATED from prisma/schema.prisma by scripts/generate.mjs (npm install runs it): edit that file, not this one.\n";

/** PostgreSQL's schema text, derived from the SQLite schema's text. */
export function derivePostgresSchema(source) {
  const provider = /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator client \{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/;
  if (!provider.test(source)) throw new Error('prisma/schema.prisma: expected `provider = "sqlite"` in `datasource db`');
  if (!output.test(source)) throw new Error('prisma/schema.prisma: expected `output = "../lib/generated/prisma"` in `generator client`');
  return HEADER + source.replace(provider, '$1"postgresql"').replace(output, '$1"../../lib/generated/postgresql"');
}

export function readDerivedSchema() {
  return derivePostgresSchema(readFileSync(SCHEMAS.sqlite.schema, "utf8"));
}
