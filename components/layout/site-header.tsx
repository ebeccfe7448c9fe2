import Link from "next/link";
import { SubmitButton } from "@/components/ui/submit-button";
import { logout } from "@/lib/actions/logout";
import { getModeInfo } from "@/lib/auth/mode";
import { verifySession } from "@/lib/dal";
import { ModeBadge } from "./mode-badge";

export async function SiteHeader() {
  const [mode, session] = await Promise.all([getModeInfo(), verifySession()]);
  return (
    <header className="border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-3">
          <Link href="/" className="text-base font-bold tracking-tight text-slate-900">
            auth-modes
          </Link>
          <ModeBadge mode={mode} />
        </div>
        <nav aria-label="Account" className="flex items-center gap-2 text-sm">
          {session ? (
            <>
              {(
                [
                  ["/dashboard", "Dashboard"],
                  ["/sessions", "Sessions"],
                  ["/activity", "Activity"],
                  ["/account/password", "Password"],
                  ...(session.user.role === "ADMIN" ? [["/admin/users", "Admin"] as const] : []),
                ] as const
              ).map(([href, label]) => (
                <Link key={href} href={href} className="rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
                  {label}
                </Link>
              ))}
              <form action={logout}>
                <SubmitButton pendingLabel="Signing out…" variant="secondary">
                  Sign out
                </SubmitButton>
              </form>
            </>
          ) : (
            <>
              <Link href="/login" className="rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
                Sign in
              </Link>
              <Link
                href="/register"
                className="rounded-lg bg-indigo-600 px-3 py-2 font-semibold text-white shadow-sm hover:bg-indigo-500"
              >
                Create account
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
