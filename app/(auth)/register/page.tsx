import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { verifySession } from "@/lib/dal";
import { nextRegistrationBecomesAdmin } from "@/lib/users";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  if (await verifySession()) redirect("/dashboard");
  const becomesAdmin = await nextRegistrationBecomesAdmin();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
      {becomesAdmin ? (
        <Alert tone="info">
          <span data-testid="first-user-admin">
            This is a development server with no admin yet: the first account registered here becomes the admin. A production server never
            does this; there, admins are made on the server (the setup code in its log, or npm run admin).
          </span>
        </Alert>
      ) : null}
      <Card>
        <RegisterForm />
      </Card>
    </div>
  );
}
