import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ModeInfo } from "@/lib/auth/mode";
import { NOT_MEASURED, type ComparisonRow } from "@/lib/compare/comparison";

/** The modes side by side: one column per mode, one row per question; scrolls inside its box on a phone. */
export function ComparisonTable({ modes, rows }: { modes: ModeInfo[]; rows: ComparisonRow[] }) {
  return (
    <ScrollRegion label="Comparison of the session modes">
      <table className="w-full min-w-[48rem] border-collapse text-left text-sm" data-testid="comparison">
        <thead>
          <tr className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
            <th scope="col" className="w-48 py-3 pr-4">
              Question
            </th>
            {modes.map((mode) => (
              <th key={mode.mode} scope="col" className="py-3 pr-4" data-mode={mode.mode}>
                {mode.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id} data-testid="comparison-row">
              <th scope="row" className="py-3 pr-4 font-semibold text-slate-900">
                {row.title}
                <ul className="mt-2 space-y-1 text-xs font-normal text-slate-500">
                  {row.proofs.map((proof) => (
                    <li key={`${proof.path} ${proof.test ?? proof.label}`}>
                      {proof.label}: <code className="break-all">{proof.path}</code>
                      {proof.test ? <> › “{proof.test}”</> : null}
                    </li>
                  ))}
                </ul>
              </th>
              {row.cells.map((cell) => (
                <td key={cell.mode} className="py-3 pr-4 text-slate-700" data-mode={cell.mode}>
                  <p>{cell.text}</p>
                  {row.measures ? (
                    <div className="mt-2 space-y-1" data-testid="measured">
                      {cell.measured?.length ? (
                        cell.measured.map((value) => (
                          <p key={value.text} className="rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-900" title={value.source}>
                            <span className="font-semibold">Measured:</span> {value.text}
                            <span className="block text-emerald-800/80">{value.source}</span>
                          </p>
                        ))
                      ) : (
                        <p className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-600">{NOT_MEASURED}</p>
                      )}
                    </div>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
