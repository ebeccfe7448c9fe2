import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

// CHROMIUM_PATH, else Debian's /usr/bin/chromium, else a browser Playwright installed itself.
export function resolveChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", bundledChromium()];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      "No Chromium found for the e2e tests: install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  return found;
}

function bundledChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
  // Chromium 15x renders its omnibox popup as a WebUI page even when headless: a renderer busy with a
  // page nobody sees took a third of these 2-core machines during the e2e run. (Feature lists merge
  // with Playwright's own.)
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];
