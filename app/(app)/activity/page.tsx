import type { Metadata } from "next";
import { ActivityTable } from "@/components/activity/activity-table";
import { ActivityFilters } from "@/components/activity/type-filter";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { listActivity, parseActivityFilter } from "@/lib/activity/query";
import { requireSession } from "@/lib/dal";

export const metadata: Metadata = { title: "Your activity" };

export default async function ActivityPage({ searchParams }: PageProps<"/activity">) {
  const session = await requireSession("/activity");
  const filter = parseActivityFilter(await searchParams);
  const result = await listActivity({ ...filter, user: undefined, userId: session.user.id });
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Your activity</h1>
        <p className="mt-1 text-sm text-slate-600">
          What happened on your account, newest first: sign-ins (and refused attempts), sign-outs, revoked and expired sessions, changes to
          your account, onboarding saves and the pages you opened. {result.total} events in all.
        </p>
      </div>
      <Card>
        <div className="space-y-6">
          <ActivityFilters action="/activity" type={filter.type} user={null} />
          <ActivityTable rows={result.rows} />
          <Pagination basePath="/activity" params={{ type: filter.type }} page={result.page} pages={result.pages} />
        </div>
      </Card>
    </div>
  );
}
