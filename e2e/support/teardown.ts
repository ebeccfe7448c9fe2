import { dropPostgresDatabase } from "./database";
import { mergeRecordedFacts } from "./facts";
import { MODE_SERVERS } from "./modes";

/** After the run: drops the PostgreSQL database of every e2e server (each made its own at start), and merges the recorded facts. */
export default async function teardown() {
  for (const server of MODE_SERVERS) {
    if (!server.databaseUrl.startsWith("file:")) await dropPostgresDatabase(server.databaseUrl);
  }
  mergeRecordedFacts({ commit: process.env.E2E_RECORD_FACTS === "1" });
}
