import { ScrollRegion } from "@/components/ui/scroll-region";
import { describeDetail } from "@/lib/activity/describe";
import type { ActivityView } from "@/lib/activity/query";
import { formatDateTimeSeconds } from "@/lib/dates";

/** The activity trail as a table; `showUser` adds the user column (admin view). */
export function ActivityTable({ rows, showUser = false }: { rows: ActivityView[]; showUser?: boolean }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No activity matches.</p>;
  return (
    <ScrollRegion label="Activity">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-4 font-semibold">
              Time (UTC)
            </th>
            <th scope="col" className="py-2 pr-4 font-semibold">
              Event
            </th>
            {showUser ? (
              <th scope="col" className="py-2 pr-4 font-semibold">
                User
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4 font-semibold">
              Where
            </th>
            <th scope="col" className="py-2 font-semibold">
              Session
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const detail = describeDetail(row.type, row.detail, row.actor?.email ?? null);
            return (
              <tr key={row.id} data-testid="activity-row" data-type={row.type} className="align-top">
                <td className="py-2 pr-4 whitespace-nowrap text-slate-600">
                  <time dateTime={row.createdAt.toISOString()}>{formatDateTimeSeconds(row.createdAt)}</time>
                </td>
                <td className="py-2 pr-4">
                  <span className="font-medium text-slate-900">{row.label}</span>
                  {detail ? <span className="block text-slate-600">{detail}</span> : null}
                  {row.path ? <code className="block text-xs text-slate-500">{row.path}</code> : null}
                </td>
                {showUser ? <td className="py-2 pr-4 text-slate-700">{row.user?.email ?? "—"}</td> : null}
                <td className="py-2 pr-4 text-slate-600">
                  {row.device}
                  <span className="block text-xs text-slate-500">{row.ip ?? "IP unknown"}</span>
                </td>
                <td className="py-2">
                  {row.sessionRef ? (
                    <code className="text-xs text-slate-500">{row.sessionRef}</code>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
