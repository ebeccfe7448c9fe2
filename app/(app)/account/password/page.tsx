import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card } from "@/components/ui/card";
import { serverEndsEveryToken } from "@/lib/auth/mode";
import { requireSession } from "@/lib/dal";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  await requireSession("/account/password");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Change password</h1>
      <Card>
        <ChangePasswordForm canSignOutOthers={serverEndsEveryToken()} />
      </Card>
    </div>
  );
}
