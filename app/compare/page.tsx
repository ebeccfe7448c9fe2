import type { Metadata } from "next";
import { ComparisonTable } from "@/components/compare/comparison-table";
import { Card } from "@/components/ui/card";
import { getModeInfo } from "@/lib/auth/mode";
import { loadComparison } from "@/lib/compare";

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
      {/* Flow diagrams: the `flows` branch delivers SVGs and a catalog module; the integrator renders them
          here. Until then this section renders nothing. */}
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

/** Slot for the flow diagrams (branch `flows`): renders nothing until their catalog exists. */
function FlowDiagrams() {
  return null;
}
