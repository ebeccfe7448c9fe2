// What the flow recorder keeps of one request: what crossed the wire and which tables the server
// touched. Names and sizes only: never a cookie's value, a token, a hash or a query string's values.

export type CookieSize = { name: string; bytes: number };

/** A Set-Cookie: its name, the size of `name=value`, and whether it clears the cookie. */
export type CookieSet = CookieSize & { cleared: boolean };

/** SQL statements per table, or per set of joined tables ("Session + User"): reads (SELECT) and writes (INSERT, UPDATE, DELETE). */
export type TableCounts = Record<string, { reads: number; writes: number }>;

/** Which part of the server ran a statement: proxy.ts, or what it handed the request to. */
export type StatementSite = "proxy" | "app";

export type RecordedRequest = {
  /** What the driver did, when it is more than a request: "a copy of the old cookie". */
  note?: string;
  method: string;
  /** The path, with the query string's names only (`/login?callbackUrl`). */
  path: string;
  kind: "page" | "server action" | "Auth.js";
  cookiesSent: CookieSize[];
  status: number;
  /** A redirect's target, reduced like `path`; null when not a redirect. */
  location: string | null;
  cookiesSet: CookieSet[];
  stores: Record<StatementSite, TableCounts>;
  /** Whether proxy.ts handed the request on to a page, action or route handler, or answered it itself. */
  handedOn: boolean;
};

export type FlowRecording = { mode: string; flow: string; requests: RecordedRequest[] };

/** The lines the server appends to the recording file (lib/flows/recorder.ts): a statement, or how the proxy ended. */
export type RecorderEvent =
  { step: string; site: StatementSite; table: string; op: "read" | "write" } | { step: string; proxy: "handed on" | "answered" };
