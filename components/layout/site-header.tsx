import Link from "next/link";
import { SubmitButton } from "@/components/ui/submit-button";
import { logout } from "@/lib/actions/logout";
import { getModeInfo } from "@/lib/auth/mode";
import { verifySession } from "@/lib/dal";
import { ModeBadge } from "./mode-badge";

const LINK = "rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-slate-100";

/** The signed-in pages, then Sign out: in a row on wide screens, in the menu on narrow ones. */
function AccountLinks({ admin }: { admin: boolean }) {
  const links = [
    ["/dashboard", "Dashboard"],
    ["/sessions", "Sessions"],
    ["/activity", "Activity"],
    ["/inspect", "Inspect"],
    ["/account/password", "Password"],
    ...(admin ? [["/admin/users", "Admin"] as const] : []),
  ] as const;
  return (
    <>
      {links.map(([href, label]) => (
        <Link key={href} href={href} className={LINK}>
          {label}
        </Link>
      ))}
      <form action={logout}>
        <SubmitButton pendingLabel="Signing out…" variant="secondary">
          Sign out
        </SubmitButton>
      </form>
    </>
  );
}

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
        {session ? (
          <nav aria-label="Account" className="text-sm">
            {/* Wide screens: one row. */}
            <div className="hidden items-center gap-2 md:flex">
              <AccountLinks admin={session.user.role === "ADMIN"} />
            </div>
            {/* Narrow screens (the row is ~460 px wide): a disclosure menu, no script needed, keyboard-operable. */}
            <details className="group relative md:hidden">
              <summary className="cursor-pointer list-none rounded-lg px-3 py-2 font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                Menu<span aria-hidden> ▾</span>
              </summary>
              <div className="absolute right-0 z-10 mt-2 flex w-48 flex-col items-stretch gap-1 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200">
                <AccountLinks admin={session.user.role === "ADMIN"} />
              </div>
            </details>
          </nav>
        ) : (
          <nav aria-label="Account" className="flex items-center gap-2 text-sm">
            <Link href="/login" className={LINK}>
              Sign in
            </Link>
            <Link href="/register" className="rounded-lg bg-indigo-600 px-3 py-2 font-semibold text-white shadow-sm hover:bg-indigo-500">
              Create account
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
