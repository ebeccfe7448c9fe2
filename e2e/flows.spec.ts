import { existsSync, readFileSync } from "node:fs";
import { FLOW_DIAGRAMS } from "../lib/flows/catalog";
import { flowMermaid, REFRESH_COMMAND, svgSourceComment } from "../lib/flows/mermaid";
import { recordAllFlows } from "../lib/flows/record";
import { expect, test } from "./support/fixtures";

// The flow diagrams (docs/flows.md) are drawn from recorded requests: a change in what the app sends,
// sets or stores changes the diagram. This records every mode's flows again, on servers of its own
// (ports 3420 and up, moved by E2E_PORT_OFFSET), and compares the text with the committed one.
// Run by one project (e2e/support/modes.ts DATABASE_ONLY): it covers every mode itself.

const FIRST_PORT = 3420 + (Number(process.env.E2E_PORT_OFFSET ?? 0) || 0);
const REFRESH = `run \`${REFRESH_COMMAND}\` and commit docs/flows/ and public/flows/`;

test("the committed flow diagrams are what the app does now, in every mode", async () => {
  test.setTimeout(300_000);
  const recordings = await recordAllFlows(FIRST_PORT, process.env);
  for (const diagram of FLOW_DIAGRAMS) {
    const recording = recordings.find((found) => found.mode === diagram.mode && found.flow === diagram.flow);
    expect(recording, `no recording of ${diagram.title}`).toBeDefined();
    if (!recording) continue;
    const fresh = flowMermaid(recording, diagram.title);
    const committed = existsSync(diagram.mermaidPath) ? readFileSync(diagram.mermaidPath, "utf8") : "(no file)";
    expect.soft(committed, `${diagram.mermaidPath} is not what the app does now: ${REFRESH}`).toBe(fresh);
    const svgFile = `public${diagram.svgPath}`;
    const svg = existsSync(svgFile) ? readFileSync(svgFile, "utf8") : "(no file)";
    expect.soft(svg.split("\n")[0], `${svgFile} was not drawn from ${diagram.mermaidPath}: ${REFRESH}`).toBe(svgSourceComment(committed));
  }
});
