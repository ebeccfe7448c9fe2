import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect } from "./fixtures";
import { CLUSTER_INSTANCES, CLUSTER_SERVERS, type ClusterServer, type Mode } from "./modes";

// Helpers of the cluster specs (e2e/cluster.spec.ts, e2e/cluster-database.spec.ts). Every response names
// its instance in X-Instance; the balancer alternates (roundrobin), so a client asks again until the
// instance it needs has answered.

export const INSTANCE_NAMES = Array.from({ length: CLUSTER_INSTANCES }, (_, index) => `app-${index + 1}`);

export const instanceOf = (response: APIResponse) => response.headers()["x-instance"] ?? "none";

export function clusterOf(mode: Mode): ClusterServer {
  const server = CLUSTER_SERVERS.find((candidate) => candidate.mode === mode);
  if (!server) throw new Error(`no cluster for ${mode}`);
  return server;
}

/** GETs `path` (no redirects followed) until every instance has answered; returns one response per instance, and how many requests it took. */
export async function fromEveryInstance(
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

export async function expectDashboard(response: APIResponse, email: string) {
  expect(response.status(), `${instanceOf(response)} serves the dashboard`).toBe(200);
  expect(await response.text()).toContain(`data-testid="user-email">${email}</dd>`);
}

export function expectSentToLogin(response: APIResponse) {
  expect(response.status(), `${instanceOf(response)} refuses the session`).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  expect(response.headers().location).toMatch(/\/login\?callbackUrl=%2Fdashboard$/);
}
