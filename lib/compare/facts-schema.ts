import { z } from "zod";

// The facts the e2e suite records as it runs (e2e/support/facts.ts) and /compare shows: one value per
// mode and key, with the spec file and test title that measured it. No `server-only`: the e2e suite's
// global teardown validates with the same schema when it merges the facts into the committed file.

export const factSchema = z.object({
  mode: z.string().min(1),
  key: z.string().min(1),
  value: z.union([z.number(), z.string(), z.boolean()]),
  /** "ms", "s", "bytes", "requests"… or absent for a plain value. */
  unit: z.string().optional(),
  /** The spec file (repository-relative) and the test's title. */
  source: z.object({ file: z.string(), title: z.string() }),
  recordedAt: z.iso.datetime(),
});

export type Fact = z.infer<typeof factSchema>;

export const factsFileSchema = z.object({
  /** When the newest fact in the file was recorded. */
  updatedAt: z.iso.datetime(),
  facts: z.array(factSchema),
});

export type FactsFile = z.infer<typeof factsFileSchema>;

/** The facts of `incoming` replace those of `existing` with the same mode and key; the rest are kept. */
export function mergeFacts(existing: readonly Fact[], incoming: readonly Fact[]): Fact[] {
  const byKey = new Map<string, Fact>();
  for (const fact of [...existing, ...incoming]) byKey.set(`${fact.mode}\u0000${fact.key}`, fact);
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key) || a.mode.localeCompare(b.mode));
}
