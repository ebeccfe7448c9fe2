import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { searchUsers, userSearchSchema } from "@/lib/admin/users";
import { requireAdmin } from "@/lib/dal";
import { formatDate } from "@/lib/dates";

export const metadata: Metadata = { title: "Users · Admin" };

export default async function AdminUsersPage({ searchParams }: PageProps<"/admin/users">) {
  await requireAdmin("/admin/users");
  const params = await searchParams;
  const search = userSearchSchema.parse({ q: [params.q].flat()[0], page: [params.page].flat()[0] });
  const result = await searchUsers(search);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <AdminNav current="users" />
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          {result.total} match. Open a user to change their role, disable them or end their sessions.
        </p>
      </div>
      <Card>
        <div className="space-y-6">
          <form action="/admin/users" method="get" role="search" aria-label="Search users" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              Email or name contains
              <input
                name="q"
                type="search"
                defaultValue={search.q ?? ""}
                maxLength={254}
                className="rounded-lg border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
              />
            </label>
            <button
              type="submit"
              className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
            >
              Search
            </button>
          </form>
          {result.rows.length ? (
            <ScrollRegion label="Users">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      User
                    </th>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      Role
                    </th>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      Status
                    </th>
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      Sessions
                    </th>
                    <th scope="col" className="py-2 font-semibold">
                      Joined (UTC)
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {result.rows.map((user) => (
                    <tr key={user.id} data-testid="user-row">
                      <td className="py-2 pr-4">
                        <Link href={`/admin/users/${user.id}`} className="font-medium text-indigo-700 hover:underline">
                          {user.email}
                        </Link>
                        {user.name ? <span className="block text-slate-600">{user.name}</span> : null}
                      </td>
                      <td className="py-2 pr-4">{user.role}</td>
                      <td className="py-2 pr-4">{user.disabledAt ? "Disabled" : "Active"}</td>
                      <td className="py-2 pr-4">{user.activeSessions}</td>
                      <td className="py-2">{formatDate(user.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : (
            <p className="text-sm text-slate-600">No user matches.</p>
          )}
          <Pagination basePath="/admin/users" params={{ q: search.q }} page={result.page} pages={result.pages} />
        </div>
      </Card>
    </div>
  );
}
