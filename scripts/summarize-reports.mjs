#!/usr/bin/env node
// Prints one line, `N passed, N failed`, summed from the Vitest and Playwright JSON reports in reports/.
// What counts as a failure (a missing report, an error outside any test, a test that did not run) is in
// scripts/lib/summary.mjs; exits 1 unless every test ran and passed.
import { existsSync, readFileSync } from "node:fs";
import { summarize } from "./lib/summary.mjs";

function read(path) {
  if (!existsSync(path)) return new Error(`${path} is missing: that runner did not report`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return new Error(`${path} is not valid JSON (${error.message})`);
  }
}

const summary = summarize({ vitest: read("reports/vitest.json"), playwright: read("reports/playwright.json") });
const SHOWN = 40;
for (const failure of summary.failures.slice(0, SHOWN)) console.error(`summary: ${failure}`);
if (summary.failures.length > SHOWN) console.error(`summary: … and ${summary.failures.length - SHOWN} more (reports/ has them all)`);
const { tests, checked, unread } = summary.leakGuard;
console.log(`leak guard: ${checked} bodies checked, ${unread} unread, in ${tests} e2e tests`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exitCode = summary.failed > 0 || summary.passed === 0 ? 1 : 0;
