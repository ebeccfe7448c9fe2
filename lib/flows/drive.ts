import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FlowId } from "./catalog";
import { findForm, formBody, type HtmlForm } from "./html-form";
import { FLOW_STEP_HEADER, STATEMENTS_FILE } from "./protocol";
import type { CookieSet, CookieSize, RecordedRequest, RecorderEvent, TableCounts } from "./types";

// The client half of the flow recorder: drives the flows against a server started with
// AUTH_MODES_RECORD_FLOWS=<dir> as a browser without JavaScript would (pages, forms posted to their
// server actions, redirects followed), one request at a time, and records what crossed the wire.
// The server's half (<dir>/statements.jsonl) says which tables each request touched.

/** The demo account (SEED_DEMO_USER=force on the recording servers): the same user in every run. */
export type Account = { email: string; password: string };

type Send = { method: "GET" | "POST"; path: string; body?: FormData; note?: string; cookies?: Map<string, string> };
type Sent = { request: RecordedRequest; html: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A path with its query string's names only: no value (a callback URL, a token) reaches a diagram. */
export function reducePath(target: string, base: string): string {
  const url = new URL(target, base);
  const names = [...new Set(url.searchParams.keys())];
  return `${url.pathname}${names.length ? `?${names.join("&")}` : ""}`;
}

function cookieSet(line: string): CookieSet & { value: string } {
  const [pair = "", ...attributes] = line.split(";");
  const equals = pair.indexOf("=");
  const name = pair.slice(0, equals).trim();
  const value = pair.slice(equals + 1).trim();
  const expired = attributes.some((attribute) => {
    const [key = "", raw = ""] = attribute.split("=").map((part) => part.trim());
    if (/^max-age$/i.test(key)) return Number(raw) <= 0;
    if (/^expires$/i.test(key)) return Date.parse(raw) <= Date.now();
    return false;
  });
  return { name, value, bytes: Buffer.byteLength(`${name}=${value}`), cleared: expired || value === "" };
}

export class FlowClient {
  private step = 0;
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly recordDir: string,
    private readonly label: string,
  ) {}

  /** What the server recorded for this step: statements per table, and whether the proxy handed it on. */
  private serverSide(step: string): Pick<RecordedRequest, "stores" | "handedOn"> {
    const stores: Record<"proxy" | "app", TableCounts> = { proxy: {}, app: {} };
    let handedOn: boolean | null = null;
    const file = join(this.recordDir, STATEMENTS_FILE);
    for (const line of existsSync(file) ? readFileSync(file, "utf8").split("\n") : []) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as RecorderEvent;
      if (event.step !== step) continue;
      if ("proxy" in event) {
        handedOn = event.proxy === "handed on";
        continue;
      }
      const counts = (stores[event.site][event.table] ??= { reads: 0, writes: 0 });
      if (event.op === "read") counts.reads += 1;
      else counts.writes += 1;
    }
    if (handedOn === null)
      throw new Error(`the server recorded nothing for request ${step}: was it started with AUTH_MODES_RECORD_FLOWS=${this.recordDir}?`);
    return { stores, handedOn };
  }

  /** One request, recorded; cookies come from (and Set-Cookie goes to) `cookies`, the jar by default. */
  async send({ method, path, body, note, cookies = this.cookies }: Send): Promise<Sent> {
    const step = `${this.label}-${++this.step}`;
    const cookiesSent: CookieSize[] = [...cookies].map(([name, value]) => ({ name, bytes: Buffer.byteLength(`${name}=${value}`) }));
    const response = await fetch(new URL(path, this.base), {
      method,
      redirect: "manual",
      headers: {
        [FLOW_STEP_HEADER]: step,
        origin: this.base,
        ...(cookies.size ? { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") } : {}),
      },
      ...(body ? { body } : {}),
    });
    const html = await response.text();
    const cookiesSet: CookieSet[] = [];
    for (const line of response.headers.getSetCookie()) {
      const { value, ...set } = cookieSet(line);
      cookiesSet.push(set);
      if (set.cleared) cookies.delete(set.name);
      else cookies.set(set.name, value);
    }
    const location = response.headers.get("location");
    const isAction = Boolean(body && [...body.keys()].some((key) => key.startsWith("$ACTION_")));
    const request: RecordedRequest = {
      ...(note ? { note } : {}),
      method,
      path: reducePath(path, this.base),
      kind: path.startsWith("/api/auth/") ? "Auth.js" : isAction ? "server action" : "page",
      cookiesSent,
      status: response.status,
      location: location ? reducePath(location, this.base) : null,
      cookiesSet,
      ...this.serverSide(step),
    };
    return { request, html };
  }

  /** A request and the redirects that follow it, each recorded; the last page's HTML. */
  async sendFollowing(first: Send): Promise<{ requests: RecordedRequest[]; html: string; location: string | null }> {
    const requests: RecordedRequest[] = [];
    let next: Send | null = first;
    let html = "";
    let location: string | null = null;
    for (let hops = 0; next && hops < 5; hops++) {
      const sent: Sent = await this.send(next);
      requests.push(sent.request);
      html = sent.html;
      const target = REDIRECTS.has(sent.request.status) ? sent.request.location : null;
      location = target;
      // Reduced paths carry no query values; redirects in these flows need none.
      next = target ? { method: "GET", path: target.split("?")[0] ?? target, ...(first.cookies ? { cookies: first.cookies } : {}) } : null;
    }
    return { requests, html, location };
  }

  async page(path: string): Promise<{ html: string; form: (marker: string) => HtmlForm }> {
    const { html } = await this.send({ method: "GET", path });
    return { html, form: (marker) => findForm(html, marker) };
  }
}

/** The four flows, in the order a user goes through them, against one fresh server. */
export async function driveFlows(client: FlowClient, account: Account): Promise<Record<FlowId, RecordedRequest[]>> {
  const login = await client.page("/login");
  const signIn = await client.sendFollowing({
    method: "POST",
    path: "/login",
    body: formBody(login.form('name="email"'), { email: account.email, password: account.password }),
  });
  expectLanding(signIn.requests, "/dashboard", "sign-in");

  const pageLoad = await client.send({ method: "GET", path: "/dashboard" });
  if (pageLoad.request.status !== 200) throw new Error(`the signed-in page load answered ${pageLoad.request.status}`);

  const profile = await client.page("/onboarding/profile");
  const stepSave = await client.sendFollowing({
    method: "POST",
    path: "/onboarding/profile",
    body: formBody(findForm(profile.html, 'name="fullName"'), { fullName: "Flow Recorder", jobTitle: "Diagrams", timeZone: "UTC" }),
  });
  expectLanding(stepSave.requests, "/onboarding/workspace", "the form step save");

  // What a copy of the cookie (another device, a stolen one) holds at the moment of sign-out.
  const copy = new Map(client.cookies);
  const signOut = await client.sendFollowing({
    method: "POST",
    path: "/onboarding/workspace",
    body: formBody(findForm(stepSave.html, "Sign out")),
  });
  expectLanding(signOut.requests, "/login", "sign-out");
  const replay = await client.sendFollowing({
    method: "GET",
    path: "/dashboard",
    cookies: copy,
    note: "a copy of the cookie from before sign-out",
  });

  return {
    "sign-in": signIn.requests,
    "page-load": [pageLoad.request],
    "step-save": stepSave.requests,
    "sign-out": [...signOut.requests, ...replay.requests],
  };
}

function expectLanding(requests: RecordedRequest[], path: string, what: string) {
  const last = requests.at(-1);
  if (!last || last.status !== 200 || last.path.split("?")[0] !== path) {
    const trail = requests.map((request) => `${request.method} ${request.path} → ${request.status}`).join(", ");
    throw new Error(`${what} did not end on ${path}: ${trail}`);
  }
}
