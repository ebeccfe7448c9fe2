import { randomBytes } from "node:crypto";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { DatabaseProvider } from "./database-url";

// PostgreSQL's catalog types that Prisma's schema engine reads (migrate deploy, diff) but
// @prisma/adapter-pg 6.19 cannot describe ("Column type 'name' could not be deserialized",
// prisma/prisma#27403): `name` and `"char"` arrive as strings anyway, so they are reported as text.
const CATALOG_TYPES_AS_TEXT = new Map([
  [19, 25], // name -> text
  [18, 25], // "char" -> text
  [1003, 1009], // name[] -> text[]
]);

function describedAsText(result: unknown): unknown {
  const fields = typeof result === "object" && result !== null && "fields" in result ? result.fields : undefined;
  if (Array.isArray(fields)) {
    for (const field of fields as { dataTypeID: number }[])
      field.dataTypeID = CATALOG_TYPES_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  }
  return result;
}

type Callback = (error: Error | null, result: unknown) => void;
const clientQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;

/** A pg client whose results describe catalog types as text; everything else is pg's own. */
class CatalogClient extends pg.Client {}
CatalogClient.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
  const last = args.at(-1);
  if (typeof last === "function") {
    const callback = last as Callback;
    return clientQuery.apply(this, [
      ...args.slice(0, -1),
      (error: Error | null, result: unknown) => callback(error, error ? result : describedAsText(result)),
    ]);
  }
  const result = clientQuery.apply(this, args);
  return result instanceof Promise ? result.then(describedAsText) : result;
} as unknown as pg.Client["query"];

function catalogPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 1, Client: CatalogClient as unknown as new () => pg.ClientBase });
}

/**
 * adapter-pg for the CLI. `migrate diff --from-migrations` replays the history in a throwaway "shadow"
 * database on the same server; it is named after the target database (`<database>_shadow_<random>`)
 * rather than Prisma's `prisma_migrate_shadow_db_<uuid>`, so whoever owns the target's name (a test
 * run's prefix) owns its shadow too. Created and dropped around the one command.
 */
class MigratePg extends PrismaPg {
  private readonly pool: pg.Pool;

  constructor(private readonly url: string) {
    const pool = catalogPool(url);
    super(pool, { disposeExternalPool: true });
    this.pool = pool;
  }

  /**
   * adapter-pg runs a migration script by splitting it at every `;` and sending the pieces one by one,
   * each committed on its own: a statement that fails halfway leaves the schema half-migrated (and a `;`
   * inside a string literal or a function body splits it wrongly). Here the script goes to PostgreSQL as
   * one simple query, which PostgreSQL runs as one transaction: a migration applies whole or not at all
   * (Prisma then records it as failed, and `npm start` stops before serving). Migrations must therefore
   * not use statements that refuse a transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE before
   * PostgreSQL 12).
   */
  async connect() {
    const adapter = await super.connect();
    const pool = this.pool;
    const reportError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
    return Object.assign(adapter, {
      executeScript: async (script: string) => {
        try {
          await pool.query(script);
        } catch (error) {
          reportError(error);
        }
      },
    });
  }

  async connectToShadowDb() {
    const main = await this.connect();
    const target = new URL(this.url);
    const name = `${decodeURIComponent(target.pathname.slice(1)).slice(0, 40) || "postgres"}_shadow_${randomBytes(4).toString("hex")}`;
    await main.executeScript(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    target.pathname = `/${name}`;
    const shadow = await new PrismaPg(catalogPool(target.toString()), { disposeExternalPool: true }).connect();
    const dispose = shadow.dispose.bind(shadow);
    return Object.assign(shadow, {
      dispose: async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
      },
    });
  }
}

/**
 * The driver adapter Prisma's CLI (migrate, generate) uses with the WebAssembly engine: it must match
 * the schema's provider, or the CLI falls back to downloading a native engine (impossible offline).
 * The CLI needs one connection; the app's pool is configured in lib/db.ts.
 */
export function migrateAdapter(provider: DatabaseProvider, url: string) {
  return provider === "sqlite" ? new PrismaLibSQL({ url }) : new MigratePg(url);
}
