import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";
import { databaseUrlFrom } from "./lib/database-url";

// The schema's `url = env("DATABASE_URL")` must resolve or the CLI falls back to downloading a
// native query engine (impossible offline), so every CLI run gets the same default as the app.
process.env.DATABASE_URL = databaseUrlFrom(process.env);

// Prisma's CLI uses the WebAssembly schema engine through this adapter: no native binaries are needed.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations/sqlite" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaLibSQL({ url: databaseUrlFrom(process.env) });
  },
});
