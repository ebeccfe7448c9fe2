import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import { clusterOf, fromEveryInstance, INSTANCE_NAMES } from "./support/cluster";
import { manageClusterDatabase } from "./support/cluster-db";
import { expect, test } from "./support/fixtures";
import { CLUSTER_INSTANCES, CLUSTER_STOP_TEST_PORT, clusterDatabaseUrl, E2E_SECRET, THROTTLE_ENV } from "./support/modes";

// The cluster checks that run in the cluster-database project only: onboarding progress is on the server
// only in database mode (in jwt mode it travels in the browser's cookie), and the throttle and stopping
// are the same code in every mode, so one mode proves them.

const ACCOUNT_LIMIT = Number(THROTTLE_ENV.AUTH_THROTTLE_ACCOUNT_FAILURES);

test("onboarding progress saved through one instance continues through the other", async ({ page, auth, onboarding, newUser }) => {
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

test("npm run cluster stops on SIGTERM with no instance, balancer or port left behind", async () => {
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
