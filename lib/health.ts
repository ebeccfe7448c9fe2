import { probeDatabase } from "@/lib/db";
import { RETRY_AFTER_SECONDS } from "@/lib/db-health";
import { NO_STORE } from "@/lib/security/headers";

/** GET /api/health, for load balancers and uptime checks: 200 when the database answers, else 503. */
export async function GET(): Promise<Response> {
  try {
    await probeDatabase();
    return Response.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": NO_STORE } });
  } catch {
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "Cache-Control": NO_STORE, "Retry-After": String(RETRY_AFTER_SECONDS) } },
    );
  }
}
