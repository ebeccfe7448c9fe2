// `npm run flows`: the flow diagrams, recorded from the running app. For each mode in
// lib/flows/catalog.ts: `next start` from the current build (built first if the sources changed) with
// the flow recorder on, the flows driven over HTTP (lib/flows/drive.ts), then each flow written as
// Mermaid text (docs/flows/<mode>-<flow>.mmd) and rendered to SVG in Chromium (public/flows/…, which
// the app serves and the docs show). e2e/flows.spec.ts records again and fails when the text differs.
// Flags: --port=<n> (the first of the ports it uses, one per mode; default 3420; four digits, as the
// callback-url cookie's size depends on it).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM_ARGS, resolveChromium } from "../e2e/support/chromium";
import { diagramName, FLOW_DIAGRAMS } from "../lib/flows/catalog";
import { flowMermaid, svgSourceComment } from "../lib/flows/mermaid";
import { recordAllFlows } from "../lib/flows/record";
import { renderSvgs } from "../lib/flows/render-svg";
import { ensureBuild } from "./lib/build.mjs";

const portFlag = process.argv.find((arg) => arg.startsWith("--port="));
const port = portFlag ? Number(portFlag.slice("--port=".length)) : 3420;
// Four digits: Auth.js's callback-url cookie holds the app's URL, and its size is in the diagrams.
if (!Number.isInteger(port) || port < 1024 || port > 9997)
  throw new Error(`--port must be a port number from 1024 to 9997 (got ${portFlag})`);

await ensureBuild();
console.log("[flows] recording every mode's flows…");
const recordings = await recordAllFlows(port, process.env);
const diagrams = FLOW_DIAGRAMS.map((diagram) => {
  const recording = recordings.find((found) => found.mode === diagram.mode && found.flow === diagram.flow);
  if (!recording) throw new Error(`no recording of ${diagram.title}`);
  return { name: diagramName(diagram.mode, diagram.flow), mermaid: flowMermaid(recording, diagram.title) };
});
mkdirSync(join("docs", "flows"), { recursive: true });
mkdirSync(join("public", "flows"), { recursive: true });
for (const { name, mermaid } of diagrams) writeFileSync(join("docs", "flows", `${name}.mmd`), mermaid);
console.log("[flows] rendering the SVGs in Chromium…");
const svgs = await renderSvgs(diagrams, resolveChromium(), CHROMIUM_ARGS);
for (const { name, mermaid } of diagrams) {
  writeFileSync(join("public", "flows", `${name}.svg`), `${svgSourceComment(mermaid)}\n${svgs.get(name) ?? ""}`);
}
console.log(`[flows] wrote ${diagrams.length} diagrams: docs/flows/*.mmd and public/flows/*.svg`);
