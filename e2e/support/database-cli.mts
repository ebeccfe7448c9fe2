// `tsx e2e/support/database-cli.mts reset <postgresql-url>`: run by an e2e server's start command
// (playwright.config.ts) so that it starts on an empty database of its own.
import { resetPostgresDatabase } from "./database";

const [command, url] = process.argv.slice(2);
if (command !== "reset" || !url) {
  console.error("usage: tsx e2e/support/database-cli.mts reset <postgresql-url>");
  process.exit(2);
}
await resetPostgresDatabase(url);
