import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, resolveChromium } from "./e2e/support/chromium";
import type { ModeOptions } from "./e2e/support/fixtures";
import { CLUSTER_SERVERS, MODE_SERVERS, OUTAGE_PROJECTS } from "./e2e/support/modes";
import { SERVERS_READY_PORT } from "./e2e/support/servers";

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
    // A failed test keeps its trace: actions, network, console and DOM snapshots. Not the screencast:
    // recording it took a fifth of the e2e run's time on these two cores (`--trace on` brings it back).
    trace: { mode: "retain-on-failure", screenshots: false },
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
  // One entry: e2e/support/start-servers.mts starts every server of e2e/support/servers.ts a few at a
  // time (Playwright would start them one after the other) and answers once all of them do.
  webServer: {
    command: "node_modules/.bin/tsx e2e/support/start-servers.mts",
    url: `http://127.0.0.1:${SERVERS_READY_PORT}/`,
    reuseExistingServer: false,
    timeout: 600_000,
    // SIGTERM: it stops every server (a cluster stops its instances and HAProxy, then drops its database).
    gracefulShutdown: { signal: "SIGTERM", timeout: 40_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
