import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, resolveChromium } from "./e2e/support/chromium";
import type { ModeOptions } from "./e2e/support/fixtures";
import { CLUSTER_INSTANCES, CLUSTER_SERVERS, MODE_SERVERS, OUTAGE_PROJECTS } from "./e2e/support/modes";

const CI = Boolean(process.env.CI);

export default defineConfig<ModeOptions>({
  testDir: "e2e",
  fullyParallel: true,
  globalSetup: "./e2e/support/setup.ts",
  globalTeardown: "./e2e/support/teardown.ts",
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  // Generous: several tests drive two or three browsers at once, on two cores shared with six servers.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [[CI ? "dot" : "list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    trace: "retain-on-failure",
    launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS },
  },
  projects: [
    ...MODE_SERVERS.map((server) => ({
      name: server.project,
      ...(server.testMatch ? { testMatch: server.testMatch } : {}),
      ...(server.testIgnore ? { testIgnore: server.testIgnore } : {}),
      ...(server.grepInvert ? { grepInvert: server.grepInvert } : {}),
      use: {
        baseURL: server.baseURL,
        mode: server.mode,
        databaseUrl: server.databaseUrl,
        ...(server.tlsPort ? { ignoreHTTPSErrors: true } : {}),
      },
    })),
    ...OUTAGE_PROJECTS.map(({ project, server }) => ({
      name: project,
      testMatch: ["outage.spec.ts"],
      dependencies: [server.project],
      use: {
        baseURL: server.baseURL,
        mode: server.mode,
        databaseUrl: server.databaseUrl,
        ...(server.tlsPort ? { ignoreHTTPSErrors: true } : {}),
      },
    })),
    // Several instances behind HAProxy (npm run cluster), one cluster per mode.
    ...CLUSTER_SERVERS.map((server) => ({
      name: server.project,
      // The database cluster also runs the checks that only database mode can show or that one mode proves.
      testMatch: server.mode === "database" ? ["cluster.spec.ts", "cluster-database.spec.ts"] : ["cluster.spec.ts"],
      use: { baseURL: server.baseURL, mode: server.mode },
    })),
    // Last: searches every server's output for the secrets the other projects saw.
    {
      name: "server-output",
      testMatch: ["server-output.spec.ts"],
      dependencies: [...MODE_SERVERS.map((server) => server.project), ...OUTAGE_PROJECTS.map(({ project }) => project)],
    },
  ],
  webServer: [
    ...MODE_SERVERS.map((server) => ({
      // A PostgreSQL server starts on an empty database of its own (dropped by the global teardown).
      command: `${server.databaseUrl.startsWith("file:") ? "" : `node_modules/.bin/tsx e2e/support/database-cli.mts reset '${server.databaseUrl}' && `}node scripts/start.mjs --no-build --log-file ${server.logFile}`,
      url: `http://localhost:${server.port}/login`,
      env: server.env,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe" as const,
      stderr: "pipe" as const,
    })),
    ...MODE_SERVERS.filter((server) => server.tlsPort).map((server) => ({
      command: `node scripts/https-proxy.mjs --port ${server.tlsPort} --target ${server.port} --cert-dir .e2e/tls-${server.project}`,
      url: `${server.baseURL}/login`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 120_000,
    })),
    ...CLUSTER_SERVERS.map((server) => ({
      command: `node e2e/support/cluster-server.mjs ${server.databaseUrl} -- --no-build --instances ${CLUSTER_INSTANCES} --port ${server.port} --log-file ${server.logFile}`,
      url: `http://localhost:${server.port}/api/health`,
      env: server.env,
      reuseExistingServer: false,
      timeout: 180_000,
      // SIGTERM first: the cluster stops its instances and HAProxy, then its database is dropped.
      gracefulShutdown: { signal: "SIGTERM" as const, timeout: 20_000 },
      stdout: "pipe" as const,
      stderr: "pipe" as const,
    })),
  ],
});
