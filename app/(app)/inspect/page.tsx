import type { Metadata } from "next";
import Link from "next/link";
import { ClaimsTable } from "@/components/inspect/claims-table";
import { Countdown } from "@/components/inspect/countdown";
import { FactsList } from "@/components/inspect/facts-list";
import { Card } from "@/components/ui/card";
import { getModeInfo } from "@/lib/auth/mode";
import { requireSession } from "@/lib/dal";
import { formatCheckCost, inspectThisRequest } from "@/lib/inspect";

export const metadata: Metadata = { title: "Inspect your session" };

export default async function InspectPage() {
  await requireSession("/inspect");
  const [mode, inspection] = await Promise.all([getModeInfo(), inspectThisRequest()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Inspect your session</h1>
        <p className="mt-1 text-slate-600">
          This request&apos;s session as the server sees it, with <strong data-testid="inspect-mode">{mode.phrase}</strong>. No token value
          and no full hash is ever shown.{" "}
          <Link href="/compare" className="font-medium text-indigo-700 underline">
            Compare the modes
          </Link>
          .
        </p>
      </div>
      {!inspection ? (
        <Card title="No session on this request">
          <p className="text-sm text-slate-700">The session ended while this page was loading. Sign in again to inspect it.</p>
        </Card>
      ) : (
        <>
          <Card title="The cookie" description="What your browser holds and sends with every request.">
            <FactsList
              items={[
                { label: "Name", value: inspection.cookie.name, testId: "inspect-cookie-name" },
                {
                  label: "Size",
                  value: `${inspection.cookie.bytes.toLocaleString("en-US")} bytes in ${inspection.cookie.chunks} chunk${inspection.cookie.chunks === 1 ? "" : "s"}`,
                  testId: "inspect-cookie-size",
                },
                { label: "Attributes", value: inspection.cookie.attributes.join("; "), testId: "inspect-cookie-attributes" },
                {
                  label: "Expires in",
                  value: inspection.expiresAt ? (
                    <Countdown expiresAt={inspection.expiresAt} renderedAt={inspection.describedAt} />
                  ) : (
                    "unknown"
                  ),
                },
              ]}
            />
          </Card>
          {inspection.kind === "jwt" ? (
            <Card
              title="The token, decrypted"
              description="The cookie is a JWE: its protected header is readable by anyone, its claims only with AUTH_SECRET. The server decrypted them for this page."
            >
              <div className="space-y-6">
                <ClaimsTable label="Protected header" rows={inspection.header} testId="inspect-header" />
                <ClaimsTable label="Claims" rows={inspection.claims} testId="inspect-claims" />
                <div>
                  <h3 className="text-sm font-semibold">Onboarding progress in the token</h3>
                  {inspection.progress ? (
                    <pre
                      className="mt-2 max-h-80 overflow-auto rounded-lg bg-slate-50 p-4 text-xs"
                      data-testid="inspect-progress"
                      tabIndex={0}
                    >
                      {inspection.progress}
                    </pre>
                  ) : (
                    <p className="mt-2 text-sm text-slate-600" data-testid="inspect-progress">
                      None yet: the token carries progress once you save a step of the onboarding form.
                    </p>
                  )}
                </div>
              </div>
            </Card>
          ) : (
            <Card
              title="The session row"
              description="The cookie is an opaque random value; the database holds its SHA-256 and the session."
            >
              {inspection.row ? (
                <FactsList
                  items={[
                    { label: "Row id", value: inspection.row.id },
                    { label: "Token hash (truncated)", value: inspection.row.tokenHashPrefix, testId: "inspect-token-hash" },
                    { label: "Created", value: inspection.row.createdAt },
                    { label: "Last seen", value: inspection.row.lastSeenAt },
                    { label: "Idle expiry (slides)", value: inspection.row.expires, testId: "inspect-row-expires" },
                    { label: "Absolute end", value: inspection.row.absoluteEnd },
                    { label: "Device", value: inspection.row.userAgent ?? "unknown" },
                    { label: "IP address", value: inspection.row.ip ?? "unknown" },
                  ]}
                />
              ) : (
                <p className="text-sm text-slate-700">The row was not found after the check (it may have just been revoked).</p>
              )}
            </Card>
          )}
          <Card title="What the server stores for you">
            <p className="text-sm text-slate-700" data-testid="inspect-stored">
              {inspection.stored.note}
            </p>
            <FactsList
              items={[
                { label: "Session rows", value: String(inspection.stored.sessionRows), testId: "inspect-session-rows" },
                { label: "Onboarding progress row", value: inspection.stored.progressRow ? "yes" : "no", testId: "inspect-progress-row" },
              ]}
            />
          </Card>
          <Card
            title="This request's session check"
            description="The check this page's request needs, run once more on the server without this instance's session cache (which answers a check repeated within AUTH_SESSION_CACHE_TTL_MS from memory, with no statement) and measured: its wall time and the SQL statements it sent."
          >
            <p className="font-mono text-sm" data-testid="inspect-check-cost" data-statements={inspection.check.statements}>
              {formatCheckCost(inspection.check)}
            </p>
          </Card>
          <Card title="What would a copy of this cookie do after you sign out?">
            <p className="text-sm text-slate-700" data-testid="inspect-copy-after-sign-out">
              {inspection.copyAfterSignOut}
            </p>
          </Card>
        </>
      )}
    </div>
  );
}
