#!/usr/bin/env node
// e2e only: `node e2e/support/cluster-server.mjs <postgresql-url> -- <npm run cluster arguments>`.
// Runs scripts/cluster.mjs on a PostgreSQL database of its own: created empty before (dropped first if a
// crashed run left it), dropped after the cluster has stopped (Playwright sends SIGTERM to the group:
// playwright.config.ts, gracefulShutdown). Never touches a database whose name does not start with am_cluster_.
import { spawn } from "node:child_process";
import pg from "pg";

const [databaseUrl, separator, ...clusterArgs] = process.argv.slice(2);
if (!databaseUrl || separator !== "--") {
  console.error("usage: node e2e/support/cluster-server.mjs <postgresql-url> -- <cluster arguments>");
  process.exit(2);
}
const target = new URL(databaseUrl);
const name = decodeURIComponent(target.pathname.slice(1));
if (!/^am_cluster_[a-z0-9_]+$/.test(name)) {
  console.error(`refusing to manage database "${name}": e2e cluster databases are named am_cluster_…`);
  process.exit(2);
}

/** Runs statements on the server's maintenance database. */
async function maintenance(...statements) {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

await maintenance(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`);
const cluster = spawn("node", ["scripts/cluster.mjs", ...clusterArgs], {
  env: { ...process.env, DATABASE_URL: databaseUrl },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => cluster.kill(signal));
const code = await new Promise((resolve) => cluster.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
await maintenance(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((error) =>
  console.error(`could not drop ${name}: ${error.message}`),
);
process.exit(code);
