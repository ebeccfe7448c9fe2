import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "@playwright/test";
import { factSchema, factsFileSchema, mergeFacts, type Fact } from "../../lib/compare/facts-schema";
import type { Mode } from "./modes";

// Facts the suite measures while it proves behaviour (cookie bytes, revocation outcomes and latencies),
// for /compare to show: never typed in. A test calls recordFact(); each worker appends to a file of its
// own under .e2e/facts/, and the global teardown merges them into .e2e/e2e-facts.json — and, with
// E2E_RECORD_FACTS=1, into the committed bench/results/e2e-facts.json that the app reads (docs/commands.md).

export const FACTS_DIR = ".e2e/facts";
export const RUN_FACTS_FILE = ".e2e/e2e-facts.json";
export const COMMITTED_FACTS_FILE = "bench/results/e2e-facts.json";

/** Records one measured value for `mode`; the source is the calling test (its spec file and title). */
export function recordFact(mode: Mode, key: string, value: number | string | boolean, unit?: string): void {
  const info = test.info();
  const fact: Fact = factSchema.parse({
    mode,
    key,
    value,
    ...(unit ? { unit } : {}),
    source: { file: relative(process.cwd(), info.file).split("\\").join("/"), title: info.title },
    recordedAt: new Date().toISOString(),
  });
  mkdirSync(FACTS_DIR, { recursive: true });
  appendFileSync(join(FACTS_DIR, `worker-${info.parallelIndex}-${process.pid}.jsonl`), `${JSON.stringify(fact)}\n`);
}

/** Before a run: no facts of an earlier run may be merged into this one's. */
export function clearRecordedFacts(): void {
  rmSync(FACTS_DIR, { recursive: true, force: true });
}

function readFactsFile(path: string): Fact[] {
  if (!existsSync(path)) return [];
  return factsFileSchema.parse(JSON.parse(readFileSync(path, "utf8"))).facts;
}

function writeFactsFile(path: string, facts: Fact[]): void {
  const updatedAt = facts.reduce((latest, fact) => (fact.recordedAt > latest ? fact.recordedAt : latest), new Date(0).toISOString());
  writeFileSync(path, `${JSON.stringify({ updatedAt, facts }, null, 2)}\n`);
}

/** After a run: this run's facts to .e2e/e2e-facts.json, and merged into the committed file when asked to. */
export function mergeRecordedFacts({ commit }: { commit: boolean }): number {
  if (!existsSync(FACTS_DIR)) return 0;
  const recorded = readdirSync(FACTS_DIR)
    .filter((name) => name.endsWith(".jsonl"))
    .flatMap((name) =>
      readFileSync(join(FACTS_DIR, name), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => factSchema.parse(JSON.parse(line))),
    )
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  writeFactsFile(RUN_FACTS_FILE, mergeFacts([], recorded));
  if (commit) writeFactsFile(COMMITTED_FACTS_FILE, mergeFacts(readFactsFile(COMMITTED_FACTS_FILE), recorded));
  return recorded.length;
}
