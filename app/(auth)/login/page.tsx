import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { verifySession } from "@/lib/dal";
import { demoAccountHint } from "@/lib/demo-account";
import { safeCallbackPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await verifySession()) redirect(callbackUrl);
  const demo = demoAccountHint();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      {params.signedOut === "password" ? (
        <Alert tone="error">You were signed out after too many wrong current passwords. Sign in again to continue.</Alert>
      ) : params.signedOut ? (
        <Alert tone="success">You are signed out.</Alert>
      ) : null}
      <Card>
        <LoginForm callbackUrl={callbackUrl} />
      </Card>
      {demo ? (
        <p className="text-center text-xs text-slate-500">
          Demo account: <span className="font-mono">{demo.email}</span> / <span className="font-mono">{demo.password}</span>
        </p>
      ) : null}
    </div>
  );
}
