import { RETRY_AFTER_SECONDS } from "@/lib/db-health";
import { NO_STORE } from "@/lib/security/headers";

// What every request gets while the database is unreachable (lib/db-health.ts): 503 with Retry-After.
// APIs and server actions get JSON; pages get a small self-contained page that retries by itself.
// Nothing in it comes from the request or the error: no stack trace, no path, no database detail.

const MESSAGE = "The service is temporarily unavailable. Please try again in a few seconds.";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 2}">
<title>Temporarily unavailable · auth-modes</title>
</head>
<body style="font-family: system-ui, sans-serif; background: #f8fafc; color: #0f172a; margin: 0">
<main style="max-width: 28rem; margin: 6rem auto; padding: 0 1rem; text-align: center">
<h1 style="font-size: 1.5rem">Temporarily unavailable</h1>
<p style="color: #475569">auth-modes cannot reach its database right now, so nobody can sign in or load a signed-in page. Nothing you saved is lost. This page tries again by itself every few seconds.</p>
</main>
</body>
</html>`;

function wantsJson(request: Request): boolean {
  const { pathname } = new URL(request.url);
  return (
    pathname.startsWith("/api/") || request.headers.has("next-action") || (request.headers.get("accept") ?? "").includes("application/json")
  );
}

export function unavailableResponse(request: Request): Response {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": NO_STORE };
  if (wantsJson(request)) return Response.json({ error: "unavailable", message: MESSAGE }, { status: 503, headers });
  return new Response(PAGE, { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
