import pg from "pg";
import { dropPostgresDatabase, resetPostgresDatabase } from "./database";

export type ClusterEvent = { type: string; path: string | null; ip: string | null };

/** The activity events of the user with this email, oldest first, from a cluster's PostgreSQL database. */
export async function clusterActivityOf(databaseUrl: string, email: string): Promise<ClusterEvent[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<ClusterEvent>(
      `SELECT e."type" AS type, e."path" AS path, e."ip" AS ip FROM "ActivityEvent" e JOIN "User" u ON u."id" = e."userId" WHERE u."email" = $1 ORDER BY e."createdAt", e."id"`,
      [email],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

/** Creates (after dropping any leftover) or drops a database named am_cluster_… on the server of `databaseUrl`. */
export async function manageClusterDatabase(databaseUrl: string, action: "create" | "drop"): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^am_cluster_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to manage database "${name}"`);
  await (action === "create" ? resetPostgresDatabase(databaseUrl) : dropPostgresDatabase(databaseUrl));
}
