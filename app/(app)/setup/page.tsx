import type { Metadata } from "next";
import Link from "next/link";
import { SetupCodeForm } from "@/components/setup/setup-code-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { hasActiveAdmin } from "@/lib/admin/roles";
import { requireSession } from "@/lib/dal";

export const metadata: Metadata = { title: "Set up the admin" };

export default async function SetupPage() {
  const session = await requireSession("/setup");
  const adminExists = await hasActiveAdmin();
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Set up the admin</h1>
      <Card>
        {session.user.role === "ADMIN" ? (
          <p>
            You are an admin.{" "}
            <Link href="/admin/users" className="font-medium text-indigo-600 hover:text-indigo-500">
              Open the admin pages
            </Link>
            .
          </p>
        ) : adminExists ? (
          <Alert tone="info">This app already has an admin, so setup codes no longer work. Ask an admin to change your role.</Alert>
        ) : (
          <div className="space-y-5">
            <p className="text-sm text-slate-600">
              This app has no admin yet. When the server started, it printed a one-time setup code to its log. Enter it here to become the
              admin. The code works once and expires; restarting the server prints a new one. On the server, an operator can also run{" "}
              <code className="rounded bg-slate-100 px-1">npm run admin -- grant &lt;email&gt;</code>.
            </p>
            <SetupCodeForm />
          </div>
        )}
      </Card>
    </div>
  );
}
