// `npm run api -- login|me|step|refresh|logout`: a small client of the bearer API (docs/api.md), the flow
// a mobile app follows. It keeps its tokens in a state file readable by its owner only (mode 0600),
// refreshes when the access token has expired (or the server says so), one refresh at a time (a lock
// file: two concurrent refreshes would count as reuse and end the sign-in), and says what it did.
import { chmodSync, closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";

type State = { url: string; accessToken: string; refreshToken: string; expiresAt: number };
type TokenAnswer = { access_token?: string; refresh_token?: string; expires_in?: number; error?: string; error_description?: string };

const USAGE = `usage: npm run api -- <command> [options]
  login --url <app url> --email <email> [--device <name>]   password from API_PASSWORD or typed in
  me                                                       GET /api/v1/me
  step <profile|workspace|preferences|review> '<json>'     PUT /api/v1/onboarding/steps/<step>
  refresh                                                  rotate the refresh token now
  logout                                                   revoke this sign-in and forget the tokens
  options: --state <file> (default ~/.auth-modes-api.json)`;

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const [, value] = args.splice(index, 2);
  return value;
}
const statePath = option("--state") ?? join(homedir(), ".auth-modes-api.json");
const lockPath = `${statePath}.lock`;
const say = (line: string) => console.log(`[api] ${line}`);
function fail(line: string): never {
  console.error(`[api] ${line}`);
  process.exit(1);
}

function readState(): State {
  if (!existsSync(statePath)) fail(`not signed in (no ${statePath}): run npm run api -- login first`);
  return JSON.parse(readFileSync(statePath, "utf8")) as State;
}

function writeState(state: State): void {
  writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(statePath, 0o600); // an existing file keeps its mode on write
}

async function post(url: string, path: string, form: Record<string, string>): Promise<{ status: number; body: TokenAnswer }> {
  const response = await fetch(new URL(path, url), { method: "POST", body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as TokenAnswer };
}

function stateFrom(url: string, body: TokenAnswer): State {
  if (!body.access_token || !body.refresh_token || !body.expires_in) fail("the server's answer has no tokens");
  return { url, accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

/** One refresh at a time across processes: take the lock file, re-read the state (another process may have refreshed), rotate. */
async function refresh(reason: string): Promise<State> {
  let lock: number | undefined;
  for (let attempt = 0; lock === undefined; attempt++) {
    try {
      lock = openSync(lockPath, "wx", 0o600);
    } catch {
      if (attempt >= 100) fail(`${lockPath} is held by another refresh; remove it if no other client runs`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // Released on every way out, process.exit included: a lock left behind would block every later command.
  const release = () => rmSync(lockPath, { force: true });
  process.once("exit", release);
  let refused: string | undefined;
  try {
    const state = readState();
    if (state.expiresAt > Date.now() + 5_000 && reason === "expired") return state; // someone else just refreshed
    const { status, body } = await post(state.url, "/api/v1/auth/token", {
      grant_type: "refresh_token",
      refresh_token: state.refreshToken,
    });
    if (status === 200) {
      const next = stateFrom(state.url, body);
      writeState(next);
      say(`access token ${reason}: refreshed; the refresh token was rotated (the old one is now useless)`);
      return next;
    }
    rmSync(statePath, { force: true });
    refused = `refresh refused (${body.error ?? status}: ${body.error_description ?? ""}); signed out, run login again`;
  } finally {
    closeSync(lock);
    release();
    process.off("exit", release);
  }
  fail(refused);
}

/** Calls an API endpoint with the access token, refreshing first when it has expired and once more on a 401. */
async function call(method: string, path: string, body?: unknown): Promise<void> {
  let state = readState();
  if (state.expiresAt <= Date.now() + 5_000) state = await refresh("expired");
  const send = (token: string) =>
    fetch(new URL(path, state.url), {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let response = await send(state.accessToken);
  if (response.status === 401) {
    say(`401 (${response.headers.get("www-authenticate") ?? "no challenge"})`);
    state = await refresh("refused");
    response = await send(state.accessToken);
  }
  say(`${method} ${path} → ${response.status}`);
  console.log(JSON.stringify(await response.json(), null, 2));
  if (!response.ok) process.exitCode = 1;
}

async function password(): Promise<string> {
  if (process.env.API_PASSWORD) return process.env.API_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write("Password: ");
  const line = await prompt[Symbol.asyncIterator]().next();
  prompt.close();
  return typeof line.value === "string" ? line.value : "";
}

const command = args.shift();
switch (command) {
  case "login": {
    const url = option("--url") ?? "http://localhost:3000";
    const email = option("--email") ?? fail("login needs --email");
    const device = option("--device") ?? "npm run api";
    const { status, body } = await post(url, "/api/v1/auth/token", {
      grant_type: "password",
      username: email,
      password: await password(),
      device_name: device,
    });
    if (status !== 200) fail(`sign-in refused (${body.error ?? status}): ${body.error_description ?? ""}`);
    writeState(stateFrom(url, body));
    say(`signed in as ${email}; tokens saved to ${statePath} (mode 0600); the access token lasts ${body.expires_in} s`);
    break;
  }
  case "me":
    await call("GET", "/api/v1/me");
    break;
  case "step": {
    const [step, json] = args;
    if (!step || !json) fail(USAGE);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      fail('the step\'s body must be JSON, e.g. \'{"version":0,"answers":{"fullName":"Ada","timeZone":"UTC"}}\'');
    }
    await call("PUT", `/api/v1/onboarding/steps/${encodeURIComponent(step)}`, parsed);
    break;
  }
  case "refresh":
    await refresh("refresh requested");
    break;
  case "logout": {
    const state = readState();
    const { status } = await post(state.url, "/api/v1/auth/revoke", { token: state.refreshToken, token_type_hint: "refresh_token" });
    rmSync(statePath, { force: true });
    say(
      `signed out (revoke → ${status}); ${statePath} removed. Access tokens already handed to other services stay valid until they expire.`,
    );
    break;
  }
  default:
    fail(USAGE);
}
