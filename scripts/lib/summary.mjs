// Sums the Vitest and Playwright JSON reports into one honest line, `N passed, N failed`.
// Everything that stops a run from proving what it should counts as a failure in that line — a missing
// or unreadable report, a Vitest error outside any test (a file that failed to load, an unhandled
// error), a Playwright error outside any test (a web server that never started), a test that did not
// run — so the line alone never reads green on a red run.

/** @typedef {{ passed: number, failed: number, failures: string[], leakGuard: { tests: number, checked: number, unread: number } }} Summary */

/**
 * @param {{ vitest: unknown, playwright: unknown }} reports each the parsed JSON, or an Error saying why it could not be read
 * @returns {Summary}
 */
export function summarize({ vitest, playwright }) {
  /** @type {Summary} */
  const summary = { passed: 0, failed: 0, failures: [], leakGuard: { tests: 0, checked: 0, unread: 0 } };
  const fail = (reason) => {
    summary.failed += 1;
    summary.failures.push(reason);
  };

  if (vitest instanceof Error) fail(`vitest: ${vitest.message}`);
  else addVitest(vitest, summary, fail);

  if (playwright instanceof Error) fail(`playwright: ${playwright.message}`);
  else addPlaywright(playwright, summary, fail);

  return summary;
}

function addVitest(report, summary, fail) {
  if (!report || typeof report !== "object") return fail("vitest: the report holds no results");
  summary.passed += report.numPassedTests ?? 0;
  const failedTests = report.numFailedTests ?? 0;
  summary.failed += failedTests;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === "failed") summary.failures.push(`vitest: ${file.name} › ${test.fullName ?? test.title} failed`);
      else if (test.status !== "passed") fail(`vitest: ${file.name} › ${test.fullName ?? test.title} did not run (${test.status})`);
    }
    // A file that failed to load or threw outside its tests reports no failed test, only a message.
    const failedInFile = (file.assertionResults ?? []).some((test) => test.status === "failed");
    if (file.status === "failed" && !failedInFile) fail(`vitest: ${file.name}: ${firstLine(file.message) || "failed outside any test"}`);
  }
  if (report.success === false && failedTests === 0 && !summary.failures.some((line) => line.startsWith("vitest:")))
    fail("vitest: the run failed outside any test (an unhandled error)");
  if (!report.numTotalTests) fail("vitest: no test ran");
}

function addPlaywright(report, summary, fail) {
  if (!report || typeof report !== "object") return fail("playwright: the report holds no results");
  for (const error of report.errors ?? []) fail(`playwright: ${firstLine(error.message ?? String(error))}`);
  let tests = 0;
  for (const { title, test } of playwrightTests(report.suites ?? [], [])) {
    tests += 1;
    const name = `[${test.projectName}] ${title}`;
    if (test.status === "expected") summary.passed += 1;
    else if (test.status === "unexpected") fail(`playwright: ${name} failed`);
    else if (test.status === "flaky") fail(`playwright: ${name} failed, then passed on a retry (retries are off: this should not happen)`);
    else fail(`playwright: ${name} did not run (skipped, or a project it depends on failed)`);
    for (const annotation of test.annotations ?? []) {
      if (annotation.type !== "leak-guard") continue;
      const match = /^checked=(\d+) unread=(\d+)$/.exec(annotation.description ?? "");
      if (!match) continue;
      summary.leakGuard.tests += 1;
      summary.leakGuard.checked += Number(match[1]);
      summary.leakGuard.unread += Number(match[2]);
    }
  }
  if (tests === 0) fail("playwright: no test ran");
}

function* playwrightTests(suites, path) {
  for (const suite of suites) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) yield { title: [...here, spec.title].join(" › "), test };
    }
    yield* playwrightTests(suite.suites ?? [], here);
  }
}

function firstLine(text) {
  return String(text ?? "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .find((line) => line.trim())
    ?.trim();
}
