#!/usr/bin/env node
// `npm run dev`: the same preparation as `npm start`, then the Next.js dev server.
import { checkConfig, ensureSecret, migrate } from "./lib/prepare.mjs";
import { bin, run } from "./lib/run.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
ensureSecret(env);
await checkConfig(env, "development");
await migrate(env);
process.exitCode = await run(bin("next"), ["dev", "--port", env.PORT?.trim() || "3000"], { env });
