import { CLUSTER_INSTANCES, CLUSTER_SERVERS, MODE_SERVERS, PORT_OFFSET } from "./modes";

/** One process the e2e run needs, and the URL that answers once it is ready. */
export type E2EServer = {
  name: string;
  command: string;
  url: string;
  env: Record<string, string>;
  /** How long it may take to answer. */
  timeoutMs: number;
};

/**
 * Every server of the run: one per mode project (a PostgreSQL one starts on an empty database of its
 * own, dropped by the global teardown), the HTTPS proxies in front of the HTTPS projects, and the
 * clusters (two instances behind HAProxy each). Started together by e2e/support/start-servers.mts.
 */
export const E2E_SERVERS: E2EServer[] = [
  // The clusters first: they take longest (a database to create and migrate, two instances, HAProxy).
  ...CLUSTER_SERVERS.map((server) => ({
    name: server.project,
    command: `exec node e2e/support/cluster-server.mjs ${server.databaseUrl} -- --no-build --instances ${CLUSTER_INSTANCES} --port ${server.port} --log-file ${server.logFile}`,
    url: `http://localhost:${server.port}/api/health`,
    env: server.env,
    timeoutMs: 240_000,
  })),
  ...MODE_SERVERS.map((server) => ({
    name: server.project,
    command: `${server.databaseUrl.startsWith("file:") ? "" : `node_modules/.bin/tsx e2e/support/database-cli.mts reset '${server.databaseUrl}' && `}exec node scripts/start.mjs --no-build --log-file ${server.logFile}`,
    url: `http://localhost:${server.port}/login`,
    env: server.env,
    timeoutMs: 180_000,
  })),
  ...MODE_SERVERS.filter((server) => server.tlsPort).map((server) => ({
    name: `${server.project}-proxy`,
    command: `exec node scripts/https-proxy.mjs --port ${server.tlsPort} --target ${server.port} --cert-dir .e2e/tls-${server.project}`,
    url: `${server.baseURL}/login`,
    env: {},
    timeoutMs: 180_000,
  })),
];

/** Where e2e/support/start-servers.mts answers once every server does (Playwright's one webServer waits for it). */
export const SERVERS_READY_PORT = 3229 + PORT_OFFSET;
