import { defineConfig } from "prisma/config";
import { databaseProviderOf, databaseUrlFrom, PRISMA_PATHS } from "./lib/database-url";
import { migrateAdapter } from "./lib/db-migrate-adapter";

// The schema's `url = env("DATABASE_URL")` must resolve or the CLI falls back to downloading a
// native query engine (impossible offline), so every CLI run gets the same default as the app.
const url = databaseUrlFrom(process.env);
process.env.DATABASE_URL = url;
// DATABASE_URL picks the provider: its schema, its migration history and its driver adapter.
const provider = databaseProviderOf(url);
if (!provider) throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (got "${url.split(":")[0]}:")`);

// Prisma's CLI uses the WebAssembly schema engine through the adapter: no native binaries are needed.
export default defineConfig({
  schema: PRISMA_PATHS[provider].schema,
  migrations: { path: PRISMA_PATHS[provider].migrations },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return migrateAdapter(provider, url);
  },
});
