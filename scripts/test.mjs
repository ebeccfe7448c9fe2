#!/usr/bin/env node
// `npm test`: unit tests (Vitest), a production build if the sources changed, then the e2e suite
// (Playwright) against one server per session strategy. Both runners write JSON reports to reports/.
import { rmSync } from "node:fs";
import { ensureBuild } from "./lib/build.mjs";
import { checkPostgres } from "./lib/postgres-check.mjs";
import { bin, fail, log, run } from "./lib/run.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

// Both suites run on PostgreSQL as well as SQLite (vitest.config.mts, e2e/support/modes.ts).
const postgres = env.TEST_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
const problem = await checkPostgres(postgres);
if (problem)
  fail(
    `the tests need PostgreSQL: ${problem.replace(/: check .*$/, "")}. Start it (e.g. \`sudo service postgresql start\`) or point TEST_POSTGRES_URL at one`,
  );

log("unit tests (vitest)…");
const unit = await run(bin("vitest"), ["run"], { env });

await ensureBuild();
rmSync(".e2e", { recursive: true, force: true }); // each run starts from empty databases
log("end-to-end tests (playwright), one project per session strategy…");
const e2e = await run(bin("playwright"), ["test"], { env });

log(`unit tests ${unit === 0 ? "passed" : "FAILED"}; e2e tests ${e2e === 0 ? "passed" : "FAILED"}`);
process.exitCode = unit || e2e;
