import { z } from "zod";

// The part of bench/results/latest.json (written by `npm run bench`, scripts/bench.mts) that /compare
// reads. Parsed, not trusted: a file of another shape reads as "not measured yet".

const perCheckSchema = z.object({ p50: z.number(), p99: z.number(), readsPerCheck: z.number(), writesPerCheck: z.number() });

export const benchResultsSchema = z.object({
  date: z.string(),
  machine: z.object({ cpus: z.number(), model: z.string(), node: z.string() }),
  databases: z.array(
    z.object({
      name: z.string(),
      inProcess: z.array(
        z.object({
          mode: z.string(),
          readPath: perCheckSchema,
          cookieBytes: z.array(z.object({ step: z.string(), bytes: z.number() })),
        }),
      ),
      http: z.array(
        z.object({
          mode: z.string(),
          ratio: z.number(),
          revocation: z.object({ latencyMs: z.number().nullable(), acceptedAfter: z.number().nullable(), note: z.string() }),
        }),
      ),
    }),
  ),
});

export type BenchResults = z.infer<typeof benchResultsSchema>;

/** The results, or null when the text is not a results file of this shape. */
export function parseBenchResults(text: string | null): BenchResults | null {
  if (text === null) return null;
  try {
    const parsed = benchResultsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
