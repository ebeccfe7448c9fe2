import { dropPostgresDatabase } from "./database";
import { MODE_SERVERS } from "./modes";

/** After the run: drops the PostgreSQL database of every e2e server (each made its own at start). */
export default async function teardown() {
  for (const server of MODE_SERVERS) {
    if (!server.databaseUrl.startsWith("file:")) await dropPostgresDatabase(server.databaseUrl);
  }
}
