// Before migrating a PostgreSQL database, `npm start` checks that it can connect at all, so an
// unreachable server or a wrong URL ends in one line naming the host and what to check, before
// anything is written (nothing half-migrated).
import pg from "pg";

/** host:port of a postgresql:// URL, without the user or password. */
export function postgresTarget(url) {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
    return {
      host,
      port: parsed.port || "5432",
      database: decodeURIComponent(parsed.pathname.slice(1)) || "(the user's name)",
      user: decodeURIComponent(parsed.username) || "(the system user)",
    };
  } catch {
    return null;
  }
}

/** The one-line explanation of a failed connection attempt: what happened at host:port, and what to check. */
export function describeConnectionError(error, target, timeoutMs) {
  const at = `PostgreSQL at ${target.host}:${target.port}`;
  const code = typeof error?.code === "string" ? error.code : "";
  switch (code) {
    case "ECONNREFUSED":
      return `cannot reach ${at} (connection refused): check that PostgreSQL is running there and that DATABASE_URL's host and port are right`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot reach ${at} (host name not found): check DATABASE_URL's host`;
    case "ECONNRESET":
      return `cannot reach ${at} (connection closed by the other side): check that DATABASE_URL's host and port are PostgreSQL's, and its sslmode`;
    case "28P01":
    case "28000":
      return `${at} refused user "${target.user}" (${error.message}): check DATABASE_URL's user and password, and the server's pg_hba.conf`;
    case "3D000":
      return `${at} has no database "${target.database}": create it (createdb -h ${target.host} -p ${target.port} ${target.database}) or fix DATABASE_URL's database name`;
    case "53300":
      return `${at} has no free connection (too many clients): check max_connections against DATABASE_POOL_SIZE × instances`;
    default:
      if (/timeout/i.test(error?.message ?? "")) {
        return `cannot reach ${at} (no answer within ${Math.round(timeoutMs / 1000)} s): check DATABASE_URL's host and port, and any firewall in between`;
      }
      return `cannot use ${at} (${String(error?.message ?? error).split("\n")[0]}): check DATABASE_URL`;
  }
}

/** Connects once and runs `SELECT 1`; resolves to null, or to the one-line problem. */
export async function checkPostgres(url, timeoutMs = 5_000) {
  const target = postgresTarget(url);
  if (!target) return "DATABASE_URL is not a valid postgresql:// URL: check its form, postgresql://user:password@host:5432/database";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined); // a failure after connecting is reported by the query below
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return describeConnectionError(error, target, timeoutMs);
  } finally {
    await client.end().catch(() => undefined);
  }
}
