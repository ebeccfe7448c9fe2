import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import { Card } from "@/components/ui/card";
import { verifySession } from "@/lib/dal";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  if (await verifySession()) redirect("/dashboard");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
      <Card>
        <RegisterForm />
      </Card>
    </div>
  );
}
