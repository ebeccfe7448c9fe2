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
    for (const field of fields as { dataTypeID: number }[]) field.dataTypeID = CATALOG_TYPES_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
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
    return clientQuery.apply(this, [...args.slice(0, -1), (error: Error | null, result: unknown) => callback(error, error ? result : describedAsText(result))]);
  }
  const result = clientQuery.apply(this, args);
  return result instanceof Promise ? result.then(describedAsText) : result;
} as unknown as pg.Client["query"];

/**
 * The driver adapter Prisma's CLI (migrate, generate) uses with the WebAssembly engine: it must match
 * the schema's provider, or the CLI falls back to downloading a native engine (impossible offline).
 * The CLI needs one connection; the app's pool is configured in lib/db.ts.
 */
export function migrateAdapter(provider: DatabaseProvider, url: string) {
  if (provider === "sqlite") return new PrismaLibSQL({ url });
  return new PrismaPg(new pg.Pool({ connectionString: url, max: 1, Client: CatalogClient as unknown as new () => pg.ClientBase }), { disposeExternalPool: true });
}
