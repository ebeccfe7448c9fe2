import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { clusterActivityOf, manageClusterDatabase } from "./support/cluster-db";
import { expect, test } from "./support/fixtures";
import {
  CLUSTER_INSTANCES,
  CLUSTER_SERVERS,
  CLUSTER_STOP_TEST_PORT,
  clusterDatabaseUrl,
  E2E_SECRET,
  THROTTLE_ENV,
  type ClusterServer,
  type Mode,
} from "./support/modes";

// Several instances of one build behind HAProxy (npm run cluster), 2 per mode, on one database. Every
// response names its instance in X-Instance; the balancer alternates (roundrobin), so a client asks
// again until the instance it needs has answered.

const INSTANCE_NAMES = Array.from({ length: CLUSTER_INSTANCES }, (_, index) => `app-${index + 1}`);
const SPOOFED_IP = "203.0.113.66";
const ACCOUNT_LIMIT = Number(THROTTLE_ENV.AUTH_THROTTLE_ACCOUNT_FAILURES);

const instanceOf = (response: APIResponse) => response.headers()["x-instance"] ?? "none";

function clusterOf(mode: Mode): ClusterServer {
  const server = CLUSTER_SERVERS.find((candidate) => candidate.mode === mode);
  if (!server) throw new Error(`no cluster for ${mode}`);
  return server;
}

/** GETs `path` (no redirects followed) until every instance has answered; returns one response per instance, and how many requests it took. */
async function fromEveryInstance(
  request: APIRequestContext,
  path: string,
): Promise<{ responses: Map<string, APIResponse>; requests: number }> {
  const responses = new Map<string, APIResponse>();
  let requests = 0;
  while (responses.size < CLUSTER_INSTANCES && requests < 20) {
    const response = await request.get(path, { maxRedirects: 0 });
    requests += 1;
    expect(INSTANCE_NAMES).toContain(instanceOf(response));
    if (!responses.has(instanceOf(response))) responses.set(instanceOf(response), response);
  }
  expect([...responses.keys()].sort()).toEqual(INSTANCE_NAMES);
  return { responses, requests };
}

async function expectDashboard(response: APIResponse, email: string) {
  expect(response.status(), `${instanceOf(response)} serves the dashboard`).toBe(200);
  expect(await response.text()).toContain(`data-testid="user-email">${email}</dd>`);
}

function expectSentToLogin(response: APIResponse) {
  expect(response.status(), `${instanceOf(response)} refuses the session`).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  expect(response.headers().location).toMatch(/\/login\?callbackUrl=%2Fdashboard$/);
}

test.describe("through the balancer", () => {
  // A client claiming an address of its own: the app trusts one hop, the balancer's entry, so this is never the recorded IP.
  test.use({ extraHTTPHeaders: { "x-forwarded-for": SPOOFED_IP } });

  test("a session made through the balancer works on every instance, each request is recorded once, and the client IP is the balancer's entry", async ({
    page,
    auth,
    mode,
    newUser,
  }) => {
    const user = newUser();
    await auth.register(user); // lands on /dashboard: one page view
    const { responses, requests } = await fromEveryInstance(page.request, "/dashboard");
    for (const response of responses.values()) await expectDashboard(response, user.email);

    const { databaseUrl } = clusterOf(mode);
    const views = async () =>
      (await clusterActivityOf(databaseUrl, user.email)).filter((event) => event.type === "page.view" && event.path === "/dashboard");
    await expect.poll(async () => (await views()).length).toBe(requests + 1);
    const events = await clusterActivityOf(databaseUrl, user.email);
    expect(events.filter((event) => event.type === "user.registered")).toHaveLength(1);
    for (const event of events) {
      expect(event.ip).not.toBe(SPOOFED_IP);
      expect(event.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    }
  });
});

test("signing out through one instance: a copy of the cookie is refused by the other at its next request, or works on both in stateless jwt", async ({
  newContext,
  page,
  auth,
  mode,
  newUser,
}) => {
  const user = newUser();
  await auth.register(user);
  const copy = await newContext();
  await copy.addCookies(await page.context().cookies());
  // Signed in on both instances before the sign-out.
  for (const response of (await fromEveryInstance(copy.request, "/dashboard")).responses.values())
    await expectDashboard(response, user.email);

  const signOut = page.waitForResponse((response) => response.request().method() === "POST");
  await auth.logout();
  const signedOutBy = (await signOut).headers()["x-instance"];
  expect(INSTANCE_NAMES).toContain(signedOutBy);

  const after = (await fromEveryInstance(copy.request, "/dashboard")).responses;
  const other = after.get(INSTANCE_NAMES.find((name) => name !== signedOutBy) ?? "");
  expect(other, "the instance that did not serve the sign-out answered").toBeDefined();
  if (!other) return;
  if (mode === "jwt-stateless") {
    // The revocation gap: nothing is shared but AUTH_SECRET, so no instance can know of the sign-out; the copy works until it expires.
    for (const response of after.values()) await expectDashboard(response, user.email);
  } else {
    expectSentToLogin(other);
    for (const response of after.values()) expectSentToLogin(response);
  }
  await copy.close();
});

test("onboarding progress saved through one instance continues through the other", async ({ page, auth, onboarding, mode, newUser }) => {
  test.skip(mode !== "database", "only database mode keeps progress on the server; in jwt mode it travels in this browser's cookie");
  const user = newUser();
  await auth.register(user);
  await page.goto("/onboarding/profile");
  const fullName = `Ada across instances ${Date.now()}`;
  const save = page.waitForResponse((response) => response.request().method() === "POST");
  await onboarding.saveProfile({ fullName, jobTitle: "Analyst" });
  const savedBy = (await save).headers()["x-instance"];
  expect(INSTANCE_NAMES).toContain(savedBy);

  const { responses } = await fromEveryInstance(page.request, "/onboarding/profile");
  const other = responses.get(INSTANCE_NAMES.find((name) => name !== savedBy) ?? "");
  expect(other?.status()).toBe(200);
  expect(await other?.text()).toContain(`value="${fullName}"`);
  // And the browser carries on at the next step, whichever instance answers.
  await page.goto("/onboarding/workspace");
  await onboarding.expectAt("workspace");
});

test("failed sign-ins are counted across instances: failures spread over both make the account wait on both", async ({
  newRequestContext,
  auth,
  mode,
  newUser,
}) => {
  test.skip(mode !== "database", "the throttle is the same code and table in every mode; one mode proves it is shared");
  const user = newUser();
  await auth.register(user);
  await auth.logout();
  const server = clusterOf(mode);
  // Straight to each instance (bypassing the balancer), so which instance counts each failure is certain.
  const instances = await Promise.all(server.instancePorts.map((port) => newRequestContext({ baseURL: `http://127.0.0.1:${port}` })));
  const signIn = async (request: APIRequestContext, password: string) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/callback/credentials", {
      form: { email: user.email, password, csrfToken, callbackUrl: "/dashboard" },
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < ACCOUNT_LIMIT; i += 1) {
    const request = instances[i % instances.length];
    if (!request) throw new Error("no instance");
    const response = await signIn(request, `wrong password ${i}`);
    expect(response.status(), `failure ${i + 1}`).toBe(302);
    expect(response.headers().location).toContain("error=CredentialsSignin");
  }
  // Each instance saw at most 3 of the 5 failures, yet both refuse the right password now.
  for (const request of instances) {
    const refused = await signIn(request, user.password);
    expect(refused.status()).toBe(429);
    expect(await refused.json()).toMatchObject({ error: "throttled" });
  }
  await Promise.all(instances.map((request) => request.dispose()));
});

/** Every process below `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent && child !== undefined) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
  });

test("npm run cluster stops on SIGTERM with no instance, balancer or port left behind", async ({ mode }) => {
  test.skip(mode !== "database", "stopping is the same in every mode");
  test.setTimeout(180_000);
  const databaseUrl = clusterDatabaseUrl("stop", CLUSTER_STOP_TEST_PORT);
  await manageClusterDatabase(databaseUrl, "create");
  const ports = [CLUSTER_STOP_TEST_PORT, ...Array.from({ length: CLUSTER_INSTANCES }, (_, index) => CLUSTER_STOP_TEST_PORT + 1 + index)];
  const cluster: ChildProcess = spawn(
    "node",
    ["scripts/cluster.mjs", "--no-build", "--instances", String(CLUSTER_INSTANCES), "--port", String(CLUSTER_STOP_TEST_PORT)],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: E2E_SECRET, AUTH_BCRYPT_COST: "4", AUTH_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  cluster.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cluster.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => cluster.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 150_000 }).toContain(`[cluster] ready: http://localhost:${CLUSTER_STOP_TEST_PORT}`);
    const children = descendants(cluster.pid ?? 0);
    // Two `next start` instances and HAProxy at least.
    expect(children.length).toBeGreaterThanOrEqual(CLUSTER_INSTANCES + 1);
    for (const port of ports) expect(await portOpen(port), `port ${port} serves`).toBe(true);

    cluster.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("[cluster] stopped");
    expect(children.filter(alive), "processes left running").toEqual([]);
    for (const port of ports) expect(await portOpen(port), `port ${port} is closed`).toBe(false);
  } finally {
    if (cluster.exitCode === null && cluster.signalCode === null) {
      cluster.kill("SIGTERM");
      await exited;
    }
    await manageClusterDatabase(databaseUrl, "drop");
  }
});
