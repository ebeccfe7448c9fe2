import { join } from "node:path";
import { chromium } from "@playwright/test";

// Mermaid needs a DOM to lay out text: the diagrams are rendered in Chromium (the one the e2e tests
// use), from the mermaid package's own browser bundle, with no network.

export async function renderSvgs(
  diagrams: { name: string; mermaid: string }[],
  chromiumPath: string,
  args: string[],
): Promise<Map<string, string>> {
  // Run from the project root, as npm scripts are.
  const bundle = join(process.cwd(), "node_modules", "mermaid", "dist", "mermaid.min.js");
  const browser = await chromium.launch({ executablePath: chromiumPath, args });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: bundle });
    await page.evaluate(() => {
      const { mermaid } = window as unknown as { mermaid: { initialize(config: object): void } };
      mermaid.initialize({ startOnLoad: false, theme: "default", securityLevel: "strict", sequence: { useMaxWidth: false } });
    });
    const svgs = new Map<string, string>();
    for (const { name, mermaid } of diagrams) {
      const svg = await page.evaluate(
        async ({ id, source }) => {
          const { mermaid: renderer } = window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } };
          return (await renderer.render(id, source)).svg;
        },
        { id: `flow-${name}`, source: mermaid },
      );
      svgs.set(name, `${svg}\n`);
    }
    return svgs;
  } finally {
    await browser.close();
  }
}
