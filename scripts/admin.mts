// `npm run admin -- grant <email>` / `revoke <email>` / `list`: make and remove admins from the server's
// shell, on the database DATABASE_URL names (the app's own client, lib/db.ts). The logic and its tests
// live in lib/admin/bootstrap.ts; this only prints and sets the exit status.
import { runAdminCommand } from "../lib/admin/bootstrap";
import { getDb } from "../lib/db";
import { EnvError, getEnv } from "../lib/env";
import { ensureSecret } from "./lib/prepare.mjs";

const print = (write: (line: string) => void, text: string) => {
  for (const line of text.split("\n")) write(`[admin] ${line}`);
};

// The same configuration `npm start` uses: locally, the AUTH_SECRET it keeps in .auth-secret.
ensureSecret(process.env);
let connected = false;
try {
  getEnv();
  connected = true;
  const result = await runAdminCommand(process.argv.slice(2));
  for (const line of result.lines) print(result.ok ? console.log : console.error, line);
  if (!result.ok) process.exitCode = 1;
} catch (error) {
  if (error instanceof EnvError) {
    print(console.error, error.message);
  } else if (error instanceof Error && /no such table|relation .* does not exist/i.test(error.message)) {
    print(
      console.error,
      "The database has no tables yet (or is missing a migration). Run `npm run db:migrate` (or start the app once), then try again.",
    );
  } else {
    throw error;
  }
  process.exitCode = 1;
} finally {
  if (connected) await getDb().$disconnect();
}
