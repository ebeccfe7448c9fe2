import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { SessionView } from "@/lib/auth/sessions";
import { SessionRow } from "./session-row";

/**
 * The API's sign-ins (refresh-token families, docs/api.md) in the modes that keep no record per browser
 * sign-in: the server holds these in every mode, so they are listed and revoked one by one all the same.
 */
export function ApiSignIns({
  sessions,
  action,
  testId,
  whose,
}: {
  sessions: SessionView[];
  action: (item: SessionView) => ReactNode;
  testId: string;
  whose: "your" | "their";
}) {
  return (
    <Card
      title="API sign-ins"
      description="Clients of the bearer API (docs/api.md) keep a refresh token the server records, whatever the browser strategy."
    >
      {sessions.length ? (
        <ul className="divide-y divide-slate-100" aria-label={`${whose === "your" ? "Your" : "Their"} API sign-ins`}>
          {sessions.map((item) => (
            <SessionRow key={item.id} session={item} testId={testId} action={action(item)} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No API client is signed in to {whose} account.</p>
      )}
    </Card>
  );
}
