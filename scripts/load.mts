// `npm run load -- [--url http://localhost:3000] [--users 200] [--duration 60]`: a load check, not a test.
// `npm run load -- --instances 1,2 [--users 200] [--duration 60] [--database-url postgresql://…/name]`: the
// same against `npm run cluster` with 1, then 2 instances, each on a fresh database (a SQLite file under
// .load/, or with --database-url the PostgreSQL database <name>_<count>, created and dropped by the
// script), and their throughput side by side.
//
// Against a running server (`npm start` in another terminal, same DATABASE_URL), USERS virtual users
// each register once, then for DURATION seconds repeat what a person does: sign in (Auth.js's CSRF and
// credentials endpoints), open the first onboarding step, save it with a new answer (the form's server
// action, posted the way the browser posts it). Then it checks that nothing was lost or duplicated: each
// user's count of `onboarding.step_saved` events equals the saves the server confirmed, and the form
// shows the last answer saved. It prints throughput and latency percentiles per request kind, and exits
// non-zero on any error, lost or duplicated save.
//
// Each user comes from an address of its own (X-Forwarded-For, from the benchmarking range 198.18.0.0/15,
// which the server takes as the client IP when told to trust it: start it with TRUSTED_PROXY_HOPS=1, the
// script standing in for the proxy; the clusters this script starts trust 2, the script and HAProxy). As people do. From one address,
// the registrations (each counted) and the sign-ins waiting in line (each holds a place until its password
// is checked) would meet the per-IP throttle. Set AUTH_BCRYPT_COST on the server to what you want to
// measure: bcrypt dominates sign-in.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import { createClient } from "@libsql/client";
import pg from "pg";
import { databaseUrlFrom } from "../lib/database-url";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

let BASE = option("url", "http://localhost:3000").replace(/\/$/, "");
let DATABASE_URL = databaseUrlFrom(process.env);
const USERS = Number(option("users", "200"));
const DURATION_S = Number(option("duration", "60"));
const REQUEST_TIMEOUT_MS = 120_000;
const PASSWORD = "load check passphrase";
const RUN = randomUUID().slice(0, 8);

type Kind = "register" | "csrf" | "sign-in" | "form" | "save";
let latencies: Record<Kind, number[]> = { register: [], csrf: [], "sign-in": [], form: [], save: [] };
let errors: string[] = [];
/** Responses per instance (the X-Instance header), when behind `npm run cluster`. */
let servedBy = new Map<string, number>();

/** The server action ids from the build the server runs (`.next/server/server-reference-manifest.json`). */
function actionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportName);
  if (!found) throw new Error(`no server action ${exportName} in ${file}: run \`npm run build\` first`);
  return found[0];
}

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; setCookies: string[]; text: string };

// A connection per request (no keep-alive). Under this much load the server's event loop runs late, and
// its idle-connection timer can close a kept-alive connection just as the next request goes out on it;
// browsers retry such a request without telling anyone, a script would count a spurious error.
const agent = new Agent({ keepAlive: false });

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const setCookie = response.headers["set-cookie"];
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          setCookies: setCookie ?? [],
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

const header = (reply: Reply, name: string): string | null => {
  const value = reply.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
};

class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly ip: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(response: Reply) {
    for (const header of response.setCookies) {
      const [pair = "", ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  clearCookies() {
    this.cookies.clear();
  }

  async fetch(
    kind: Kind,
    path: string,
    init: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const started = performance.now();
    const response = await send(
      `${BASE}${path}`,
      init.method ?? "GET",
      { ...init.headers, cookie: this.cookieHeader(), origin: BASE, "x-forwarded-for": this.ip },
      init.body,
    );
    latencies[kind].push(performance.now() - started);
    const instance = header(response, "x-instance");
    if (instance) servedBy.set(instance, (servedBy.get(instance) ?? 0) + 1);
    this.remember(response);
    return response;
  }

  /** Posts a server action as the browser does: its arguments in "0", the form's fields prefixed. */
  async action(kind: Kind, path: string, id: string, args: unknown[], fields: Record<string, string>): Promise<Reply> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
    form.append("0", JSON.stringify([...args, "$K1"]));
    const encoded = new Response(form); // the multipart encoding fetch would use
    const body = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type") ?? "";
    return this.fetch(kind, path, {
      method: "POST",
      body,
      headers: { accept: "text/x-component", "next-action": id, "content-type": type },
    });
  }
}

/** Where a server action's redirect points (Next.js sends `<url>;push`), as a path. */
function actionRedirect(response: Reply): string | null {
  const value = header(response, "x-action-redirect");
  return value ? new URL(value.split(";")[0] ?? "", BASE).pathname : null;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error ? ` (${(error.cause as Error & { code?: string }).code ?? error.cause.name}: ${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

function fail(message: string) {
  errors.push(message);
}

type User = { index: number; email: string; browser: Browser; saves: number; lastName: string | null };

async function register(user: User, id: string) {
  const response = await user.browser.action("register", "/register", id, [{ status: "idle" }], {
    name: `Load ${user.index}`,
    email: user.email,
    password: PASSWORD,
    confirmPassword: PASSWORD,
  });
  if (actionRedirect(response) !== "/dashboard") fail(`register ${user.email}: ${response.status}`);
}

async function iteration(user: User, saveId: string) {
  const { browser } = user;
  browser.clearCookies(); // a fresh sign-in every time, as from a new browser
  const csrf = await browser.fetch("csrf", "/api/auth/csrf");
  if (csrf.status !== 200) return fail(`csrf: ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const signIn = await browser.fetch("sign-in", "/api/auth/callback/credentials", {
    method: "POST",
    body: new URLSearchParams({ csrfToken, email: user.email, password: PASSWORD, callbackUrl: "/dashboard" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  if (signIn.status !== 302 || !header(signIn, "location")?.endsWith("/dashboard"))
    return fail(`sign-in: ${signIn.status} ${header(signIn, "location")}`);

  const page = await browser.fetch("form", "/onboarding/profile");
  const html = page.text;
  if (page.status !== 200) return fail(`form: ${page.status}`);
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  if (version === undefined) return fail("form: no version field");

  const fullName = `Load ${user.index} save ${user.saves + 1}`;
  const save = await browser.action(
    "save",
    "/onboarding/profile",
    saveId,
    ["profile", { status: "idle", version: Number(version), attempt: 0 }],
    {
      version,
      fullName,
      jobTitle: "",
      timeZone: "UTC",
    },
  );
  if (actionRedirect(save) === "/onboarding/workspace") {
    user.saves += 1;
    user.lastName = fullName;
  } else {
    fail(`save: ${save.status} (no redirect to the next step)`);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN) : Number.NaN;
}

const SAVED_STEPS = `SELECT COUNT(*) AS n FROM "ActivityEvent" e JOIN "User" u ON u."id" = e."userId" WHERE u."email" = $1 AND e."type" = 'onboarding.step_saved'`;

/** Counts a user's recorded step saves in the server's database, SQLite or PostgreSQL. */
function savedStepCounter(url: string): { count: (email: string) => Promise<number>; close: () => Promise<void> } {
  if (url.startsWith("file:")) {
    const client = createClient({ url });
    return {
      count: async (email) => Number((await client.execute({ sql: SAVED_STEPS.replace("$1", "?"), args: [email] })).rows[0]?.n ?? 0),
      close: async () => client.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    count: async (email) => Number((await pool.query<{ n: string }>(SAVED_STEPS, [email])).rows[0]?.n ?? 0),
    close: () => pool.end(),
  };
}

/** Drops (and with "create", then creates) a PostgreSQL database, through the server's maintenance database. */
async function resetPostgresDatabase(url: string, action: "create" | "drop") {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`--database-url: use a database name of letters, digits and underscores (got "${name}")`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (action === "create") await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

type Result = {
  instances: string;
  elapsed: number;
  requests: number;
  signIns: number;
  saves: number;
  errors: number;
  lost: number;
  duplicated: number;
  signInP50: number;
  signInP95: number;
  saveP50: number;
  saveP95: number;
  servedBy: Map<string, number>;
};

async function measure(): Promise<Result> {
  latencies = { register: [], csrf: [], "sign-in": [], form: [], save: [] };
  errors = [];
  servedBy = new Map();
  const registerId = actionId("lib/actions/register.ts", "register");
  const saveId = actionId("lib/actions/save-onboarding-step.ts", "saveOnboardingStep");
  const health = await fetch(`${BASE}/api/health`).catch(() => null);
  if (!health?.ok) throw new Error(`no healthy server at ${BASE} (start one with \`TRUSTED_PROXY_HOPS=1 npm start\`)`);

  const users: User[] = Array.from({ length: USERS }, (_, index) => ({
    index,
    email: `load-${RUN}-${index}@example.test`,
    browser: new Browser(`198.18.${index >> 8}.${index & 255}`),
    saves: 0,
    lastName: null,
  }));
  console.log(`[load] registering ${USERS} users at ${BASE}…`);
  for (let start = 0; start < users.length; start += 20) {
    await Promise.all(users.slice(start, start + 20).map((user) => register(user, registerId)));
  }
  if (errors.length) throw new Error(`registration failed: ${errors.slice(0, 3).join("; ")}`);

  console.log(`[load] ${USERS} users signing in and saving for ${DURATION_S} s…`);
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  const progress = setInterval(() => {
    const saves = users.reduce((sum, user) => sum + user.saves, 0);
    console.log(
      `[load] …${Math.round((performance.now() - started) / 1000)} s: ${latencies["sign-in"].length} sign-ins, ${saves} saves, ${errors.length} errors`,
    );
  }, 10_000);
  await Promise.all(
    users.map(async (user) => {
      while (performance.now() < deadline) {
        await iteration(user, saveId).catch((error: unknown) => fail(`request failed: ${describeError(error)}`));
      }
    }),
  );
  clearInterval(progress);
  const elapsed = (performance.now() - started) / 1000;

  console.log("[load] checking every save against the server…");
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the activity trail is written after each response
  const db = savedStepCounter(DATABASE_URL);
  let lost = 0;
  let duplicated = 0;
  for (const user of users) {
    const recorded = await db.count(user.email);
    if (recorded < user.saves) lost += user.saves - recorded;
    if (recorded > user.saves) duplicated += recorded - user.saves;
    // The form, opened with the user's last session, shows the last answer the server confirmed.
    const page = await user.browser.fetch("form", "/onboarding/profile");
    const input = /<input[^>]*name="fullName"[^>]*>/.exec(page.text)?.[0] ?? "";
    const shown = /value="([^"]*)"/.exec(input)?.[1];
    if (user.lastName && shown !== user.lastName) lost += 1;
  }
  await db.close();

  const signIns = latencies["sign-in"].length;
  const saves = users.reduce((sum, user) => sum + user.saves, 0);
  const requests = Object.values(latencies).reduce((sum, list) => sum + list.length, 0) - latencies.register.length;
  console.log(`\n| request | count | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|`);
  for (const [kind, list] of Object.entries(latencies)) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `| ${kind} | ${list.length} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} |`,
    );
  }
  console.log(
    `\n${USERS} users, ${elapsed.toFixed(1)} s: ${requests} requests (${(requests / elapsed).toFixed(1)}/s), ${signIns} sign-ins (${(signIns / elapsed).toFixed(1)}/s), ${saves} saves (${(saves / elapsed).toFixed(1)}/s)`,
  );
  console.log(`errors: ${errors.length}, lost saves: ${lost}, duplicated saves: ${duplicated}`);
  for (const error of [...new Set(errors)].slice(0, 10)) console.log(`  ${error}`);
  if (servedBy.size)
    console.log(
      `served by: ${[...servedBy]
        .sort()
        .map(([name, count]) => `${name} ${count}`)
        .join(", ")}`,
    );
  const sortedSignIns = [...latencies["sign-in"]].sort((a, b) => a - b);
  const sortedSaves = [...latencies.save].sort((a, b) => a - b);
  return {
    instances: String(servedBy.size || 1),
    elapsed,
    requests,
    signIns,
    saves,
    errors: errors.length,
    lost,
    duplicated,
    signInP50: percentile(sortedSignIns, 50),
    signInP95: percentile(sortedSignIns, 95),
    saveP50: percentile(sortedSaves, 50),
    saveP95: percentile(sortedSaves, 95),
    servedBy,
  };
}

const failed = (result: Result) => result.errors > 0 || result.lost > 0 || result.duplicated > 0;

/**
 * Starts `npm run cluster` with `count` instances on a fresh SQLite file, trusting 2 proxy hops (this
 * script, which sends each user's address, and HAProxy); resolves once it is ready, with a stop function.
 */
async function startCluster(
  count: number,
  port: number,
  postgres: string,
): Promise<{ url: string; databaseUrl: string; stop: () => Promise<void> }> {
  let databaseUrl: string;
  if (postgres) {
    const url = new URL(postgres);
    url.pathname = `${url.pathname}_${count}`;
    databaseUrl = url.href;
    await resetPostgresDatabase(databaseUrl, "create");
  } else {
    const folder = `.load/instances-${count}`;
    rmSync(folder, { recursive: true, force: true });
    databaseUrl = `file:./${folder}/app.db`;
  }
  const child = spawn("node", ["scripts/cluster.mjs", "--no-build", "--instances", String(count), "--port", String(port)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TRUSTED_PROXY_HOPS: "2", AUTH_URL: "", PORT: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("[cluster] ready:")) resolve();
    });
    void exited.then(() =>
      reject(new Error(`npm run cluster with ${count} instances stopped before it was ready:\n${output.slice(-2000)}`)),
    );
  });
  console.log(`[load] cluster of ${count} ready on port ${port}`);
  return {
    url: `http://localhost:${port}`,
    databaseUrl,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      if (postgres) await resetPostgresDatabase(databaseUrl, "drop");
    },
  };
}

function sideBySide(results: Result[]) {
  const row = (label: string, value: (result: Result) => string) => `| ${label} | ${results.map(value).join(" | ")} |`;
  console.log(
    `\n| ${USERS} users, ${DURATION_S} s | ${results.map((result) => `${result.instances} instance${result.instances === "1" ? "" : "s"}`).join(" | ")} |`,
  );
  console.log(`|---|${results.map(() => "---").join("|")}|`);
  console.log(row("requests/s", (result) => (result.requests / result.elapsed).toFixed(1)));
  console.log(row("sign-ins/s", (result) => (result.signIns / result.elapsed).toFixed(1)));
  console.log(row("saves/s", (result) => (result.saves / result.elapsed).toFixed(1)));
  console.log(row("sign-in p50 / p95 ms", (result) => `${result.signInP50.toFixed(0)} / ${result.signInP95.toFixed(0)}`));
  console.log(row("save p50 / p95 ms", (result) => `${result.saveP50.toFixed(0)} / ${result.saveP95.toFixed(0)}`));
  console.log(
    row("responses per instance", (result) =>
      [...result.servedBy]
        .sort()
        .map(([name, count]) => `${name} ${count}`)
        .join(", "),
    ),
  );
  console.log(row("errors / lost / duplicated", (result) => `${result.errors} / ${result.lost} / ${result.duplicated}`));
}

async function main() {
  const instances = option("instances", "");
  if (!instances) {
    if (failed(await measure())) process.exitCode = 1;
    return;
  }
  const counts = instances.split(",").map(Number);
  if (!counts.length || counts.some((count) => !Number.isInteger(count) || count < 1 || count > 16))
    throw new Error("--instances takes counts from 1 to 16, e.g. 1,2");
  const port = Number(option("port", "3700"));
  const postgres = option("database-url", "");
  if (postgres && !/^postgres(ql)?:\/\//.test(postgres))
    throw new Error("--database-url takes a postgresql:// URL; without it each run gets a SQLite file under .load/");
  const results: Result[] = [];
  for (const count of counts) {
    const cluster = await startCluster(count, port, postgres);
    BASE = cluster.url;
    DATABASE_URL = cluster.databaseUrl;
    try {
      results.push(await measure());
    } finally {
      await cluster.stop();
    }
  }
  sideBySide(results);
  if (results.some(failed)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`[load] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
