#!/usr/bin/env node
// `npm run dev`: the same preparation as `npm start`, then the Next.js dev server.
import { checkConfig, ensureSecret, migrate } from "./lib/prepare.mjs";
import { bin, run, withPeerAddress } from "./lib/run.mjs";

const env = withPeerAddress({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
ensureSecret(env);
await checkConfig(env, "development");
await migrate(env);
process.exitCode = await run(bin("next"), ["dev", "--port", env.PORT?.trim() || "3000"], { env });
