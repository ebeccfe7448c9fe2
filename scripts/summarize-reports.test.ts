import { describe, expect, it } from "vitest";
import { summarize } from "./lib/summary.mjs";

const vitestPassing = {
  success: true,
  numTotalTests: 2,
  numPassedTests: 2,
  numFailedTests: 0,
  testResults: [
    {
      name: "/repo/lib/a.test.ts",
      status: "passed",
      assertionResults: [
        { status: "passed", fullName: "a works" },
        { status: "passed", fullName: "a still works" },
      ],
    },
  ],
};

type PlaywrightTest = { projectName: string; status: string; annotations?: { type: string; description?: string }[] };
function playwrightReport(tests: PlaywrightTest[], errors: { message: string }[] = []) {
  return {
    errors,
    suites: [{ title: "x.spec.ts", specs: tests.map((test, index) => ({ title: `test ${index}`, tests: [test] })), suites: [] }],
  };
}
const playwrightPassing = playwrightReport([{ projectName: "database", status: "expected" }]);

describe("summarize", () => {
  it("adds up two green reports", () => {
    const summary = summarize({ vitest: vitestPassing, playwright: playwrightPassing });
    expect(summary).toMatchObject({ passed: 3, failed: 0, failures: [] });
  });

  it("counts a failed test once, by name", () => {
    const vitest = {
      ...vitestPassing,
      success: false,
      numPassedTests: 1,
      numFailedTests: 1,
      testResults: [
        {
          name: "/repo/lib/a.test.ts",
          status: "failed",
          assertionResults: [
            { status: "passed", fullName: "ok" },
            { status: "failed", fullName: "broken" },
          ],
        },
      ],
    };
    const summary = summarize({ vitest, playwright: playwrightPassing });
    expect(summary.passed).toBe(2);
    expect(summary.failed).toBe(1);
    expect(summary.failures).toEqual(["vitest: /repo/lib/a.test.ts › broken failed"]);
  });

  it("counts a missing or unreadable report as a failure", () => {
    const summary = summarize({ vitest: new Error("reports/vitest.json is missing"), playwright: playwrightPassing });
    expect(summary).toMatchObject({ passed: 1, failed: 1 });
    expect(summary.failures[0]).toContain("vitest.json is missing");
    expect(summarize({ vitest: vitestPassing, playwright: null }).failed).toBe(1);
  });

  it("counts a Vitest file that failed to load as a failure, though no test failed", () => {
    const vitest = {
      ...vitestPassing,
      success: false,
      numFailedTestSuites: 1,
      testResults: [
        ...vitestPassing.testResults,
        { name: "/repo/lib/b.test.ts", status: "failed", message: "Failed to load url ./missing", assertionResults: [] },
      ],
    };
    const summary = summarize({ vitest, playwright: playwrightPassing });
    expect(summary.failed).toBe(1);
    expect(summary.failures).toEqual(["vitest: /repo/lib/b.test.ts: Failed to load url ./missing"]);
  });

  it("counts a Vitest error outside any file (an unhandled rejection) as a failure", () => {
    const summary = summarize({ vitest: { ...vitestPassing, success: false }, playwright: playwrightPassing });
    expect(summary.failed).toBe(1);
    expect(summary.failures[0]).toContain("outside any test");
  });

  it("counts a Playwright error outside any test (a web server that never started) as a failure", () => {
    const playwright = playwrightReport(
      [],
      [{ message: "Error: Process from config.webServer was not able to start. Exit code: 1\n   at …" }],
    );
    const summary = summarize({ vitest: vitestPassing, playwright });
    expect(summary.failures).toEqual([
      "playwright: Error: Process from config.webServer was not able to start. Exit code: 1",
      "playwright: no test ran",
    ]);
    expect(summary.failed).toBe(2);
  });

  it("counts tests that did not run, and a flaky pass, as failures", () => {
    const playwright = playwrightReport([
      { projectName: "database", status: "expected" },
      { projectName: "server-output", status: "skipped" },
      { projectName: "jwt", status: "flaky" },
      { projectName: "jwt", status: "unexpected" },
    ]);
    const summary = summarize({ vitest: vitestPassing, playwright });
    expect(summary.passed).toBe(3);
    expect(summary.failed).toBe(3);
    expect(summary.failures.map((line) => line.split(" › ")[0])).toEqual([
      "playwright: [server-output] x.spec.ts",
      "playwright: [jwt] x.spec.ts",
      "playwright: [jwt] x.spec.ts",
    ]);
  });

  it("counts a run in which no test ran as a failure", () => {
    expect(summarize({ vitest: { success: true, numTotalTests: 0, testResults: [] }, playwright: playwrightPassing }).failed).toBe(1);
    expect(summarize({ vitest: vitestPassing, playwright: playwrightReport([]) }).failed).toBe(1);
  });

  it("sums the leak guard's per-test counts", () => {
    const guarded = (description: string) => ({
      projectName: "database",
      status: "expected",
      annotations: [{ type: "leak-guard", description }],
    });
    const summary = summarize({
      vitest: vitestPassing,
      playwright: playwrightReport([guarded("checked=10 unread=0"), guarded("checked=5 unread=2")]),
    });
    expect(summary.leakGuard).toEqual({ tests: 2, checked: 15, unread: 2 });
  });
});
