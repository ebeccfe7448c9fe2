import type { Metadata } from "next";
import { ActivityTable } from "@/components/activity/activity-table";
import { ActivityFilters } from "@/components/activity/type-filter";
import { AdminNav } from "@/components/admin/admin-nav";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { listActivity, parseActivityFilter } from "@/lib/activity/query";
import { requireAdmin } from "@/lib/dal";

export const metadata: Metadata = { title: "Activity log · Admin" };

export default async function AdminActivityPage({ searchParams }: PageProps<"/admin/activity">) {
  await requireAdmin("/admin/activity");
  const filter = parseActivityFilter(await searchParams);
  const result = await listActivity(filter);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <AdminNav current="activity" />
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Activity log</h1>
        <p className="mt-1 text-sm text-slate-600">Every user&apos;s events, newest first. {result.total} match.</p>
      </div>
      <Card>
        <div className="space-y-6">
          <ActivityFilters action="/admin/activity" type={filter.type} user={filter.user} />
          <ActivityTable rows={result.rows} showUser />
          <Pagination
            basePath="/admin/activity"
            params={{ type: filter.type, user: filter.user }}
            page={result.page}
            pages={result.pages}
          />
        </div>
      </Card>
    </div>
  );
}
