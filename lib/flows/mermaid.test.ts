import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLOW_DIAGRAMS, FLOW_MODES, FLOWS } from "./catalog";
import { flowMermaid, svgSourceComment } from "./mermaid";
import type { FlowRecording } from "./types";

const SIGN_OUT: FlowRecording = {
  mode: "database",
  flow: "sign-out",
  requests: [
    {
      method: "POST",
      path: "/dashboard",
      kind: "server action",
      cookiesSent: [{ name: "authjs.session-token", bytes: 64 }],
      status: 303,
      location: "/login?signedOut",
      cookiesSet: [{ name: "authjs.session-token", bytes: 21, cleared: true }],
      stores: { proxy: {}, app: { Session: { reads: 1, writes: 1 } } },
      handedOn: true,
    },
    {
      note: "a copy of the cookie from before sign-out",
      method: "GET",
      path: "/dashboard",
      kind: "page",
      cookiesSent: [{ name: "authjs.session-token", bytes: 64 }],
      status: 307,
      location: "/login?callbackUrl",
      cookiesSet: [],
      stores: { proxy: { User: { reads: 1, writes: 0 }, Session: { reads: 2, writes: 0 } }, app: {} },
      handedOn: false,
    },
    {
      method: "GET",
      path: "/login",
      kind: "page",
      cookiesSent: [],
      status: 200,
      location: null,
      cookiesSet: [],
      stores: { proxy: {}, app: {} },
      handedOn: true,
    },
  ],
};

describe("flowMermaid", () => {
  it("draws each request: what the browser sent, the SQL per table and where it ran, the answer and its cookies", () => {
    expect(flowMermaid(SIGN_OUT, "Database sessions: Sign-out")).toBe(
      [
        "---",
        'title: "Database sessions: Sign-out"',
        "---",
        "%% Recorded from the running app by `npm run flows` (lib/flows): edit the app, not this file.",
        "sequenceDiagram",
        "  autonumber",
        "  participant B as Browser",
        "  participant P as proxy.ts",
        "  participant A as Page, server action or Auth.js",
        "  participant D as Database",
        "  B->>P: POST /dashboard (server action)<br/>Cookie: authjs.session-token (64 B)",
        "  P->>A: handed on",
        "  A->>D: Session: 1 read, 1 write",
        "  A-->>B: 303 → /login?signedOut<br/>Set-Cookie: clears authjs.session-token",
        "  Note over B: a copy of the cookie from before sign-out",
        "  B->>P: GET /dashboard<br/>Cookie: authjs.session-token (64 B)",
        "  P->>D: Session: 2 reads<br/>User: 1 read",
        "  P-->>B: 307 → /login?callbackUrl",
        "  B->>P: GET /login<br/>Cookie: none",
        "  P->>A: handed on",
        "  Note over P,D: no SQL statement",
        "  A-->>B: 200",
        "",
      ].join("\n"),
    );
  });

  it("keeps Mermaid's statement and entity characters out of a message", () => {
    const text = flowMermaid({ ...SIGN_OUT, requests: [{ ...SIGN_OUT.requests[2]!, note: "one; two #three" }] }, "t");
    expect(text).toContain("Note over B: one, two three");
  });
});

describe("the committed diagrams", () => {
  it("are listed once per mode and flow, each with its Mermaid text and an SVG drawn from that text", () => {
    expect(FLOW_DIAGRAMS).toHaveLength(FLOW_MODES.length * FLOWS.length);
    expect(new Set(FLOW_DIAGRAMS.map((diagram) => diagram.svgPath)).size).toBe(FLOW_DIAGRAMS.length);
    for (const diagram of FLOW_DIAGRAMS) {
      const svgFile = `public${diagram.svgPath}`;
      expect(existsSync(diagram.mermaidPath), `${diagram.mermaidPath} is missing: run npm run flows`).toBe(true);
      expect(existsSync(svgFile), `${svgFile} is missing: run npm run flows`).toBe(true);
      const svg = readFileSync(svgFile, "utf8");
      expect(svg.split("\n")[0], `${svgFile} was not drawn from ${diagram.mermaidPath}: run npm run flows`).toBe(
        svgSourceComment(readFileSync(diagram.mermaidPath, "utf8")),
      );
      expect(svg).toContain("<svg");
    }
  });
});
