import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ClaimRow } from "@/lib/auth/inspect";

export function ClaimsTable({ label, rows, testId }: { label: string; rows: ClaimRow[]; testId: string }) {
  return (
    <ScrollRegion label={label}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-4">
              Name
            </th>
            <th scope="col" className="py-2 pr-4">
              Value
            </th>
            <th scope="col" className="py-2">
              What it is
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.name} data-claim={row.name}>
              <th scope="row" className="py-2 pr-4 font-mono font-medium">
                {row.name}
              </th>
              <td className="py-2 pr-4 font-mono break-all">{row.value}</td>
              <td className="py-2 text-slate-600">{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
