import { createHash } from "node:crypto";
import type { CookieSet, CookieSize, FlowRecording, RecordedRequest, TableCounts } from "./types";

// A recording as a Mermaid sequence diagram. Deterministic: the same flow gives the same text, so a
// change in the flow is a change in the committed .mmd (e2e/flows.spec.ts compares them).

export const REFRESH_COMMAND = "npm run flows";

function cookies(sent: CookieSize[]): string {
  return sent.length ? sent.map((cookie) => `${cookie.name} (${cookie.bytes} B)`).join(", ") : "none";
}

function setCookies(set: CookieSet[]): string[] {
  return set.map((cookie) => (cookie.cleared ? `Set-Cookie: clears ${cookie.name}` : `Set-Cookie: ${cookie.name} (${cookie.bytes} B)`));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "Session: 1 read, 1 write", one line per table, by name. */
function statements(counts: TableCounts): string[] {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, { reads, writes }]) => {
      const parts = [reads ? plural(reads, "read") : "", writes ? plural(writes, "write") : ""].filter(Boolean);
      return `${table}: ${parts.join(", ")}`;
    });
}

/** Mermaid reads `;` as a statement break and `#` as the start of an entity: neither may reach a message. */
function text(lines: string[]): string {
  return lines.map((line) => line.replaceAll(";", ",").replaceAll("#", "")).join("<br/>");
}

function requestLines(request: RecordedRequest): string[] {
  const lines: string[] = [];
  if (request.note) lines.push(`  Note over B: ${text([request.note])}`);
  const kind = request.kind === "page" ? "" : ` (${request.kind})`;
  lines.push(`  B->>P: ${text([`${request.method} ${request.path}${kind}`, `Cookie: ${cookies(request.cookiesSent)}`])}`);
  const inProxy = statements(request.stores.proxy);
  if (inProxy.length) lines.push(`  P->>D: ${text(inProxy)}`);
  const answeredBy = request.handedOn ? "A" : "P";
  if (request.handedOn) {
    lines.push(`  P->>A: handed on`);
    const inApp = statements(request.stores.app);
    if (inApp.length) lines.push(`  A->>D: ${text(inApp)}`);
  }
  if (!inProxy.length && !(request.handedOn && statements(request.stores.app).length)) {
    lines.push(`  Note over P,D: no SQL statement`);
  }
  const status = request.location ? `${request.status} → ${request.location}` : `${request.status}`;
  lines.push(`  ${answeredBy}-->>B: ${text([status, ...setCookies(request.cookiesSet)])}`);
  return lines;
}

export function flowMermaid(recording: FlowRecording, title: string): string {
  return [
    "---",
    `title: ${JSON.stringify(title)}`,
    "---",
    `%% Recorded from the running app by \`${REFRESH_COMMAND}\` (lib/flows): edit the app, not this file.`,
    "sequenceDiagram",
    "  autonumber",
    "  participant B as Browser",
    "  participant P as proxy.ts",
    "  participant A as Page, server action or Auth.js",
    "  participant D as Database",
    ...recording.requests.flatMap(requestLines),
    "",
  ].join("\n");
}

/** The first line of each SVG: which Mermaid text it was drawn from, so a stale SVG is caught without drawing it again. */
export function svgSourceComment(mermaid: string): string {
  return `<!-- Drawn by \`${REFRESH_COMMAND}\` from Mermaid text sha256:${createHash("sha256").update(mermaid).digest("hex")} -->`;
}
