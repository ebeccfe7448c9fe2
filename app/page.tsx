import Link from "next/link";
import { getModeInfo } from "@/lib/auth/mode";

export default async function HomePage() {
  const mode = await getModeInfo();
  return (
    <div className="space-y-10">
      <section className="max-w-2xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Sessions or JWT?</h1>
        <p className="mt-4 text-lg text-slate-600">
          The same app, signed in two ways. This server runs <strong>{mode.phrase}</strong>. {mode.summary}
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link
            href="/register"
            className="rounded-lg bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
          >
            Create an account
          </Link>
          <Link
            href="/login"
            className="rounded-lg bg-white px-4 py-2.5 text-sm font-semibold text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Sign in
          </Link>
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="font-semibold wrap-anywhere">AUTH_SESSION_STRATEGY=database</h2>
          <p className="mt-2 text-sm text-slate-600">
            Opaque 256-bit cookie; the session row (stored as a SHA-256 hash) is looked up on every request. Sign-out deletes it, so a
            copied cookie stops working at once.
          </p>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="font-semibold wrap-anywhere">AUTH_SESSION_STRATEGY=jwt</h2>
          <p className="mt-2 text-sm text-slate-600">
            The session travels in the cookie as an encrypted token. No session row is read; the cookie is larger and the server verifies it
            by decrypting it.
          </p>
        </div>
      </section>
    </div>
  );
}
