import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, type ActivityType } from "@/lib/activity/types";

/** A GET form filtering the trail by event type (and, for admins, by user email). */
export function ActivityFilters({ action, type, user }: { action: string; type?: ActivityType; user?: string | null }) {
  const field = "rounded-lg border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter activity">
      {user !== null ? (
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          User email contains
          <input name="user" type="search" defaultValue={user ?? ""} maxLength={254} className={field} />
        </label>
      ) : null}
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Event
        <select name="type" defaultValue={type ?? ""} className={field}>
          <option value="">All events</option>
          {ACTIVITY_TYPE_IDS.map((id) => (
            <option key={id} value={id}>
              {ACTIVITY_TYPES[id]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        Filter
      </button>
    </form>
  );
}
