import type { SessionCookieInfo } from "@/lib/dal";
import { formatDateTime } from "@/lib/dates";

export function SessionCookiePanel({ cookie, explanation }: { cookie: SessionCookieInfo | null; explanation: string }) {
  return (
    <section aria-labelledby="cookie-panel-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="cookie-panel-title" className="text-lg font-semibold">
        Your session cookie
      </h2>
      <p className="mt-1 text-sm text-slate-600">{explanation}</p>
      {cookie ? (
        <dl className="mt-5 grid gap-4 sm:grid-cols-3">
          <div className="rounded-lg bg-slate-50 p-4">
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Name</dt>
            <dd className="mt-1 font-mono text-sm break-all" data-testid="cookie-name">
              {cookie.name}
            </dd>
          </div>
          <div className="rounded-lg bg-slate-50 p-4">
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Size</dt>
            <dd className="mt-1 font-mono text-sm" data-testid="cookie-size">
              {cookie.bytes.toLocaleString("en-US")} bytes
              {cookie.chunks > 1 ? ` in ${cookie.chunks} chunks` : ""}
            </dd>
          </div>
          <div className="rounded-lg bg-slate-50 p-4">
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Expires</dt>
            <dd className="mt-1 font-mono text-sm" data-testid="cookie-expires">
              <time dateTime={cookie.expires}>{formatDateTime(new Date(cookie.expires))} UTC</time>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="mt-4 text-sm text-slate-600">No session cookie was sent with this request.</p>
      )}
    </section>
  );
}
