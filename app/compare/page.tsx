import type { Metadata } from "next";
import { ComparisonTable } from "@/components/compare/comparison-table";
import { Card } from "@/components/ui/card";
import { getModeInfo } from "@/lib/auth/mode";
import { loadComparison } from "@/lib/compare";
import { FLOW_DIAGRAMS, FLOWS } from "@/lib/flows/catalog";

export const metadata: Metadata = { title: "Compare the session modes" };

export default async function ComparePage() {
  const [current, { modes, rows, bench, facts }] = await Promise.all([getModeInfo(), loadComparison()]);
  return (
    <div className="space-y-6">
      <div className="max-w-3xl">
        <h1 className="text-2xl font-bold tracking-tight">Compare the session modes</h1>
        <p className="mt-1 text-slate-600">
          The same app in each mode, side by side. This server runs <strong>{current.phrase}</strong>. Every measured value comes from a
          file this repository writes: the benchmark&apos;s <code>bench/results/latest.json</code>
          {bench ? ` (${bench.date.slice(0, 10)}, ${bench.machine.cpus} CPUs, Node ${bench.machine.node})` : " (not measured yet)"} and the
          facts the end-to-end suite records, <code>bench/results/e2e-facts.json</code>
          {facts ? ` (${facts.updatedAt.slice(0, 10)}, ${facts.facts.length} facts)` : " (not measured yet)"}. Each row names the test or
          benchmark that proves it (paths relative to the repository).
        </p>
      </div>
      <ComparisonTable modes={modes} rows={rows} />
      <FlowDiagrams />
      <Card title="How the numbers are refreshed">
        <p className="text-sm text-slate-700">
          <code>npm run bench</code> rewrites the benchmark results; <code>npm run e2e:facts</code> runs the specs that record facts and
          merges them into the committed file. See <code>docs/commands.md</code>.
        </p>
      </Card>
    </div>
  );
}

/** The sequence diagrams `npm run flows` records from the running app (lib/flows/catalog.ts), one section per flow. */
function FlowDiagrams() {
  return (
    <section aria-labelledby="flows-heading" className="space-y-4">
      <div className="max-w-3xl">
        <h2 id="flows-heading" className="text-xl font-semibold tracking-tight">
          The flows, recorded
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Drawn from requests recorded against a running server in each mode (<code>npm run flows</code>): the cookies sent and set (names
          and sizes), and the SQL each step sent, by table. <code>e2e/flows.spec.ts</code> records them again and fails when a flow changes
          without its diagram.
        </p>
      </div>
      {FLOWS.map((flow) => (
        <details key={flow.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`flow-${flow.id}`}>
          <summary className="cursor-pointer font-medium">{flow.title}</summary>
          <div className="mt-3 grid gap-4 lg:grid-cols-2">
            {FLOW_DIAGRAMS.filter((diagram) => diagram.flow === flow.id).map((diagram) => (
              <figure key={diagram.svgPath} className="min-w-0">
                <figcaption className="mb-2 text-sm font-medium text-slate-700">{diagram.modeTitle}</figcaption>
                {/* eslint-disable-next-line @next/next/no-img-element -- static SVGs from public/, no optimisation to do */}
                <img src={diagram.svgPath} alt={`Sequence diagram: ${diagram.title}`} className="h-auto max-w-full" loading="lazy" />
              </figure>
            ))}
          </div>
        </details>
      ))}
    </section>
  );
}
