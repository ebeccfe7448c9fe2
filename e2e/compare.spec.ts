import { readFileSync } from "node:fs";
import { FLOW_DIAGRAMS } from "../lib/flows/catalog";
import { expect, test } from "./support/fixtures";

// /compare is the same page in every mode (run by the database project only): one column per mode, one
// row per question, and the measured values read from the committed results files, not typed in.

test("/compare shows every mode side by side, with the benchmark's and the e2e suite's measurements", async ({ request }) => {
  const response = await request.get("/compare");
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html.match(/data-testid="comparison-row"/g)).toHaveLength(10);
  for (const label of ["Database sessions", "JWT sessions", "JWT sessions with a token version", "Stateless JWT sessions"])
    expect(html).toContain(`>${label}</th>`);

  const bench = JSON.parse(readFileSync("bench/results/latest.json", "utf8")) as {
    databases: { inProcess: { mode: string; readPath: { p50: number } }[] }[];
  };
  const p50 = bench.databases[0]?.inProcess.find((entry) => entry.mode === "jwt-stateless")?.readPath.p50 ?? NaN;
  expect(html, "a value from bench/results/latest.json").toContain(`session check p50 ${p50.toFixed(0)} µs`);

  const { facts } = JSON.parse(readFileSync("bench/results/e2e-facts.json", "utf8")) as {
    facts: { mode: string; key: string; value: number }[];
  };
  const whole = facts.find((fact) => fact.key === "cookie.bytes.preferences saved");
  const first = facts.find((fact) => fact.mode === whole?.mode && fact.key === "cookie.bytes.signed in");
  expect(whole && first, "the committed facts hold a mode's cookie size signed in and with the whole form").toBeTruthy();
  expect(html, "a value from bench/results/e2e-facts.json").toContain(
    `${String(first?.value)} bytes signed in, ${String(whole?.value)} bytes with the whole form`,
  );
});

test("each mode's column shows what the e2e suite recorded for that mode: sign-out, the session list, revocation latency", async ({
  page,
}) => {
  const { facts } = JSON.parse(readFileSync("bench/results/e2e-facts.json", "utf8")) as {
    facts: { mode: string; key: string; value: number | string | boolean; unit?: string }[];
  };
  const fact = (mode: string, key: string) => facts.find((candidate) => candidate.mode === mode && candidate.key === key);
  await page.goto("/compare");
  for (const mode of ["database", "jwt", "jwt-version", "jwt-stateless"]) {
    const cell = (row: string) => page.locator(`tr[data-row="${row}"] td[data-mode="${mode}"]`);
    const copy = fact(mode, "copy-after-sign-out.works");
    expect(copy, `${mode}: a recorded sign-out fact`).toBeDefined();
    await expect(cell("signOut")).toContainText(copy?.value ? "a copy after sign-out: still works" : "a copy after sign-out: refused");
    const list = fact(mode, "session-list.available");
    expect(list, `${mode}: a recorded session-list fact`).toBeDefined();
    await expect(cell("storage")).toContainText(list?.value ? "session list: shown" : "session list: none");
    const outcome = fact(mode, "revocation.password-change.outcome");
    const latency = fact(mode, "revocation.password-change.latency");
    expect(outcome && latency, `${mode}: a recorded password-change revocation`).toBeTruthy();
    await expect(cell("revocation")).toContainText(`password change: ${String(outcome?.value)}`);
    if (latency?.unit === "ms") await expect(cell("revocation")).toContainText(`${Number(latency.value).toLocaleString("en-US")} ms after`);
  }
});

test("/compare shows every recorded flow diagram, each served as an SVG", async ({ page, request }) => {
  await page.goto("/compare");
  for (const diagram of FLOW_DIAGRAMS) {
    await expect(page.getByRole("img", { name: `Sequence diagram: ${diagram.title}`, includeHidden: true })).toHaveAttribute(
      "src",
      diagram.svgPath,
    );
    const svg = await request.get(diagram.svgPath);
    expect(svg.status(), diagram.svgPath).toBe(200);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
  }
});
