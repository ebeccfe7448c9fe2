import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { MODE_IDS, modeInfoOf, type ModeInfo } from "@/lib/auth/mode";
import { parseBenchResults, type BenchResults } from "./bench-results";
import { buildComparison, type ComparisonRow } from "./comparison";
import { factsFileSchema, type FactsFile } from "./facts-schema";

// /compare's data: the committed measurement files, read at request time (a fresh `npm start` has run
// no tests: the e2e facts are a committed copy, refreshed as docs/commands.md says).

export const BENCH_RESULTS_FILE = "bench/results/latest.json";
export const E2E_FACTS_FILE = "bench/results/e2e-facts.json";

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(join(/*turbopackIgnore: true*/ process.cwd(), path), "utf8");
  } catch {
    return null;
  }
}

function parseFacts(text: string | null): FactsFile | null {
  if (text === null) return null;
  try {
    const parsed = factsFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type ComparisonData = { modes: ModeInfo[]; rows: ComparisonRow[]; bench: BenchResults | null; facts: FactsFile | null };

export async function loadComparison(): Promise<ComparisonData> {
  const [bench, facts] = await Promise.all([
    readText(BENCH_RESULTS_FILE).then(parseBenchResults),
    readText(E2E_FACTS_FILE).then(parseFacts),
  ]);
  return {
    modes: MODE_IDS.map(modeInfoOf),
    rows: buildComparison(MODE_IDS, facts?.facts ?? [], bench),
    bench,
    facts,
  };
}

export { NOT_MEASURED } from "./comparison";
