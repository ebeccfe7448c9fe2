import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/lib/env";
import { FLOW_STEP_HEADER, STATEMENTS_FILE } from "./protocol";
import { classifyStatement } from "./sql";
import type { RecorderEvent, StatementSite } from "./types";

// The server's half of the flow recorder (AUTH_MODES_RECORD_FLOWS=<dir>, off by default): which tables
// each request's SQL statements touched, appended to <dir>/statements.jsonl. The other half, what
// crossed the wire, is seen by the client that drives the flows (lib/flows/drive.ts), which tags each
// request with FLOW_STEP_HEADER. Made for that one client sending one request at a time: a statement
// belongs to the latest tagged request, in proxy.ts until the proxy is done, then in the app.

const STEP = /^[A-Za-z0-9:._-]{1,64}$/;
/** Written after the response, whatever the flow: the activity trail (lib/activity/record.ts). */
const UNTRACKED_TABLES = new Set(["ActivityEvent"]);

type RecorderState = { step: string | null; site: StatementSite };

// On globalThis: proxy.ts is a bundle of its own in the same process (as lib/db.ts's client is shared).
const global = globalThis as unknown as { flowRecorder?: RecorderState; flowBackground?: AsyncLocalStorage<true> };
const background = (global.flowBackground ??= new AsyncLocalStorage<true>());

/**
 * Runs work a request starts but does not wait for (the opportunistic prune): its statements belong to
 * no flow, since whether they land while that request is still being recorded is a matter of timing.
 */
export function outsideFlows<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export function recordingFlows(): boolean {
  return Boolean(env.AUTH_MODES_RECORD_FLOWS);
}

/** proxy.ts, first thing: statements from now on belong to this request, if the driver tagged it. */
export function flowRequestStarted(headers: Headers): void {
  if (!recordingFlows()) return;
  const step = headers.get(FLOW_STEP_HEADER);
  global.flowRecorder = { step: step && STEP.test(step) ? step : null, site: "proxy" };
}

/**
 * proxy.ts, when it is done: what follows runs in the page, action or route handler, if the proxy
 * handed the request on (NextResponse.next() marks its response) rather than answering it.
 */
export function flowProxyDone(response: Response | null): void {
  const state = global.flowRecorder;
  if (!state) return;
  state.site = "app";
  const handedOn = response?.headers.get("x-middleware-next") === "1";
  if (state.step) append([{ step: state.step, proxy: handedOn ? "handed on" : "answered" }]);
}

function append(events: RecorderEvent[]): void {
  const dir = env.AUTH_MODES_RECORD_FLOWS;
  if (!dir || !events.length) return;
  mkdirSync(dir, { recursive: true });
  // Synchronous: the line is in the file before the response that follows it is sent.
  appendFileSync(join(dir, STATEMENTS_FILE), events.map((event) => `${JSON.stringify(event)}\n`).join(""));
}

/** lib/db.ts's query event, for every statement the client sends while recording. */
export function recordStatement(sql: string): void {
  const state = global.flowRecorder;
  const step = state?.step;
  if (!state || !step || background.getStore()) return;
  const statement = classifyStatement(sql);
  if (!statement) return;
  // A statement that joins tables is one statement: filed under all of them together ("Session + User").
  const tables = statement.tables.filter((table) => !UNTRACKED_TABLES.has(table));
  if (tables.length) append([{ step, site: state.site, table: tables.join(" + "), op: statement.op }]);
}
