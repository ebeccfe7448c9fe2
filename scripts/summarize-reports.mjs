#!/usr/bin/env node
// Prints one line, `N passed, N failed`, summed from the Vitest and Playwright JSON reports.
// A missing or unreadable report counts as a failed run (exit 1), never as zero tests.
import { existsSync, readFileSync } from "node:fs";

const problems = [];

function read(path) {
  if (!existsSync(path)) {
    problems.push(`${path} is missing: that runner did not report`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push(`${path} is not valid JSON (${error.message})`);
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read("reports/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (vitest.success === false && !vitest.numFailedTests) problems.push("vitest reported failure outside any test");
}

const playwright = read("reports/playwright.json");
if (playwright) {
  const stats = playwright.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
  for (const error of playwright.errors ?? []) problems.push(`playwright: ${String(error.message ?? error).split("\n")[0]}`);
}

for (const problem of problems) console.error(`summary: ${problem}`);
// Skipped tests (and those that did not run because a project they depend on failed) are reported
// on their own line: the last line is always exactly `N passed, N failed`.
if (skipped) console.log(`${skipped} skipped or not run`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || skipped > 0 || problems.length > 0 || passed === 0 ? 1 : 0;
