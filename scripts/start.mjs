#!/usr/bin/env node
// `npm start`: configuration check, migrations, a build when the sources changed, then `next start`.
// Flags: --no-build (serve the existing build, fail if there is none); --log-file <path> (also append
// the server's output to that file; the e2e suite searches it for leaked secrets).
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { buildIsCurrent, ensureBuild } from "./lib/build.mjs";
import { checkConfig, ensureAuthUrl, ensureSecret, migrate } from "./lib/prepare.mjs";
import { bin, fail, log, run, withPeerAddress } from "./lib/run.mjs";

// NEXT_MANUAL_SIG_HANDLE: on SIGTERM/SIGINT the app writes its queued page views, then exits itself
// (lib/activity/buffer.ts), instead of Next.js exiting while that write may still be on its way.
const env = withPeerAddress({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" });
const port = env.PORT?.trim() || "3000";
const KEEP_ALIVE_TIMEOUT_MS = "65000";

// The benchmark's control page (lib/auth/bench-control.ts) is for servers `npm run bench` starts itself.
if (env.AUTH_MODES_BENCH_CONTROL)
  fail("AUTH_MODES_BENCH_CONTROL is set: it is for the servers `npm run bench` starts, never for npm start. Unset it.");
// The flow recorder (lib/flows/recorder.ts) likewise, for the servers `npm run flows` starts.
if (env.AUTH_MODES_RECORD_FLOWS)
  fail("AUTH_MODES_RECORD_FLOWS is set: it is for the servers `npm run flows` starts, never for npm start. Unset it.");
ensureSecret(env);
ensureAuthUrl(env, port);
await checkConfig(env, "production");
await migrate(env);
if (process.argv.includes("--no-build")) {
  if (!existsSync(".next/BUILD_ID")) fail("no production build found: run `npm run build` first");
  if (!buildIsCurrent()) log("warning: the build is older than the sources; run `npm run build` to refresh it");
} else {
  await ensureBuild();
}
log(`starting on http://localhost:${port} (AUTH_SESSION_STRATEGY=${env.AUTH_SESSION_STRATEGY || "database"})`);
const logFlag = process.argv.indexOf("--log-file");
const logFile = logFlag === -1 ? undefined : process.argv[logFlag + 1];
if (logFlag !== -1 && !logFile) fail("--log-file needs a path");
if (logFile) mkdirSync(dirname(logFile), { recursive: true });
// Idle keep-alive connections stay open 65 s instead of Node's 5 s: longer than a balancer's or a
// client's idle timeout (60 s is common), so a client never reuses a socket the server is closing at
// that moment — the intermittent ECONNRESET/502 of Node behind a proxy (seen in CI on 2026-12-02).
process.exitCode = await run(bin("next"), ["start", "--port", port, "--keepAliveTimeout", KEEP_ALIVE_TIMEOUT_MS], { env, logFile });
