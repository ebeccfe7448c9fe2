// The flow diagrams: which modes, which flows, where each diagram is. /compare and the docs list them
// from here; `npm run flows` records and draws them (lib/flows/record.ts). A new mode is one entry in
// FLOW_MODES (with the settings its server starts with); then `npm run flows`.

export const FLOW_MODES = [
  { id: "database", title: "Database sessions", env: { AUTH_SESSION_STRATEGY: "database" } },
  { id: "jwt", title: "JWT with the session registry (sid)", env: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" } },
  {
    id: "jwt-version",
    title: "JWT with a per-user token version",
    env: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "version" },
  },
  { id: "jwt-stateless", title: "Stateless JWT", env: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" } },
] as const satisfies readonly { id: string; title: string; env: Record<string, string> }[];

export const FLOWS = [
  { id: "sign-in", title: "Sign-in" },
  { id: "page-load", title: "A signed-in page load" },
  { id: "step-save", title: "A form step save" },
  { id: "sign-out", title: "Sign-out, then a copy of the old cookie" },
] as const;

export type FlowModeId = (typeof FLOW_MODES)[number]["id"];
export type FlowId = (typeof FLOWS)[number]["id"];

export type FlowDiagram = {
  mode: FlowModeId;
  modeTitle: string;
  flow: FlowId;
  /** "Database sessions: Sign-in" */
  title: string;
  /** Where the app serves the SVG (public/flows/…). */
  svgPath: string;
  /** The diagram's Mermaid source in the repository. */
  mermaidPath: string;
};

export function diagramName(mode: FlowModeId, flow: FlowId): string {
  return `${mode}-${flow}`;
}

export const FLOW_DIAGRAMS: readonly FlowDiagram[] = FLOW_MODES.flatMap((mode) =>
  FLOWS.map((flow) => ({
    mode: mode.id,
    modeTitle: mode.title,
    flow: flow.id,
    title: `${mode.title}: ${flow.title}`,
    svgPath: `/flows/${diagramName(mode.id, flow.id)}.svg`,
    mermaidPath: `docs/flows/${diagramName(mode.id, flow.id)}.mmd`,
  })),
);
