import { describe, expect, it } from "vitest";
import { parseBenchResults } from "./bench-results";
import { buildComparison, NOT_MEASURED } from "./comparison";
import { mergeFacts, type Fact } from "./facts-schema";

const source = { file: "e2e/password-change.spec.ts", title: "changing the password…" };
const fact = (mode: string, key: string, value: Fact["value"], unit?: string): Fact => ({
  mode,
  key,
  value,
  ...(unit ? { unit } : {}),
  source,
  recordedAt: "2026-12-02T05:00:00.000Z",
});

describe("buildComparison", () => {
  it("has the ten rows for every mode, each with a proof, and measured rows say so when nothing is recorded", () => {
    const rows = buildComparison(["database", "jwt", "jwt-stateless"], [], null);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.cells.map((cell) => cell.mode)).toEqual(["database", "jwt", "jwt-stateless"]);
      expect(row.proofs.length).toBeGreaterThan(0);
    }
    const revocation = rows.find((row) => row.id === "revocation");
    expect(revocation?.measures).toBe(true);
    expect(revocation?.cells.every((cell) => cell.measured?.length === 0)).toBe(true);
    expect(NOT_MEASURED).toBe("not measured yet");
  });

  it("shows recorded revocation facts: a latency in ms when refused, the remaining lifetime when not", () => {
    const facts = [
      fact("database", "revocation.password-change.outcome", "refused at the next request"),
      fact("database", "revocation.password-change.latency", 42, "ms"),
      fact("database", "revocation.password-change.acceptedAfter", 0, "requests"),
      fact("jwt-stateless", "revocation.password-change.outcome", "accepted until the token expires"),
      fact("jwt-stateless", "revocation.password-change.latency", 2_591_990, "s"),
    ];
    const row = buildComparison(["database", "jwt-stateless"], facts, null).find((r) => r.id === "revocation");
    expect(row?.cells[0]?.measured?.[0]?.text).toBe("password change: refused at the next request (0 accepted before, 42 ms after)");
    expect(row?.cells[0]?.measured?.[0]?.source).toBe(`${source.file} › ${source.title}`);
    expect(row?.cells[1]?.measured?.[0]?.text).toBe("password change: accepted until the token expires, 30.0 days (2,591,990 s)");
  });

  it("reads the benchmark's numbers, and refuses a results file of another shape", () => {
    const text = JSON.stringify({
      date: "2026-12-02T01:55:04.387Z",
      machine: { cpus: 2, model: "x", node: "v20.20.2" },
      databases: [
        {
          name: "sqlite",
          inProcess: [
            {
              mode: "jwt",
              readPath: { p50: 635.4, p99: 1, readsPerCheck: 1, writesPerCheck: 0 },
              cookieBytes: [{ step: "signed in", bytes: 600 }],
            },
          ],
          http: [{ mode: "jwt", ratio: 1.066, revocation: { latencyMs: 264.6, acceptedAfter: 0, note: "next request refused" } }],
        },
      ],
    });
    const bench = parseBenchResults(text);
    const rows = buildComparison(["jwt"], [], bench);
    expect(rows.find((r) => r.id === "costPerRequest")?.cells[0]?.measured?.map((m) => m.text)).toEqual([
      "session check p50 635 µs, 1 SQL read(s) and 0 write(s) per check",
      "signed-in page 1.07× the req/s of the same page without the check",
    ]);
    expect(rows.find((r) => r.id === "cookieSize")?.cells[0]?.measured?.[0]?.text).toBe("signed in: 600 bytes");
    expect(parseBenchResults('{"date": 1}')).toBeNull();
    expect(parseBenchResults("not json")).toBeNull();
    expect(parseBenchResults(null)).toBeNull();
  });
});

describe("mergeFacts", () => {
  it("replaces a fact of the same mode and key, and keeps the others", () => {
    const merged = mergeFacts([fact("jwt", "a", 1), fact("jwt", "b", 2)], [fact("jwt", "a", 3), fact("database", "a", 4)]);
    expect(merged.map((f) => [f.mode, f.key, f.value])).toEqual([
      ["database", "a", 4],
      ["jwt", "a", 3],
      ["jwt", "b", 2],
    ]);
  });
});
