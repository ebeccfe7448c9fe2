// What the two halves of the flow recorder agree on: the server's (lib/flows/recorder.ts) and the
// driving client's (lib/flows/drive.ts).

/** The driver's name for each request; the server files the request's statements under it. */
export const FLOW_STEP_HEADER = "x-auth-modes-flow-step";

/** In AUTH_MODES_RECORD_FLOWS: one JSON line per statement, and one per request saying how the proxy ended. */
export const STATEMENTS_FILE = "statements.jsonl";
