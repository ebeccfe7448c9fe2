import "server-only";
import type { SessionUser } from "@/lib/auth/types";
import { env } from "@/lib/env";
import { NO_STORE } from "@/lib/security/headers";
import { corsHeaders } from "./cors";
import { liveFamily } from "./families";
import type { Scope } from "./scopes";
import { tokenSettings } from "./settings";
import { verifyAccessToken, type AccessClaims } from "./tokens";

// The HTTP side of the bearer API: JSON everywhere (never an HTML page or a stack trace), no-store,
// CORS from the allow-list, and the bearer check of RFC 6750. Cookies are never read here.

/** The largest request body any API endpoint reads. */
export const MAX_BODY_BYTES = 16 * 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": NO_STORE, Pragma: "no-cache", ...headers },
  });
}

/** An RFC 6749 §5.2 error from the token endpoint (and RFC 7009's). */
export function oauthError(error: string, description: string, status = 400, headers: Record<string, string> = {}): Response {
  return json({ error, error_description: description }, status, headers);
}

/** An RFC 6750 §3 error from a resource endpoint: 401 invalid_token or 403 insufficient_scope. */
export function bearerError(
  error: "invalid_request" | "invalid_token" | "insufficient_scope",
  description: string,
  scope?: Scope,
): Response {
  const status = error === "insufficient_scope" ? 403 : error === "invalid_request" ? 400 : 401;
  const quoted = description.replace(/["\\]/g, "");
  const challenge = `Bearer realm="auth-modes", error="${error}", error_description="${quoted}"${scope ? `, scope="${scope}"` : ""}`;
  return json({ error, error_description: description }, status, { "WWW-Authenticate": challenge });
}

/** A JSON problem for everything that is not an OAuth error (a validation failure, a conflict). */
export function problem(status: number, error: string, message: string, extra: Record<string, unknown> = {}): Response {
  return json({ error, message, ...extra }, status);
}

type Handler = (request: Request, params: Record<string, string>) => Promise<Response>;
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/**
 * Wraps an API route: CORS headers (and the preflight), and an unexpected error becomes a JSON 500
 * with nothing from the error in it. `methods` lists the methods the route answers.
 */
export function apiRoute(methods: string, handler: Handler) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const cors = corsHeaders(request.headers.get("origin"), env.API_CORS_ORIGINS, `${methods}, OPTIONS`);
    let response: Response;
    try {
      // Routes without dynamic segments get no params.
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      response = await handler(request, params);
    } catch (error) {
      console.error(`[api] ${new URL(request.url).pathname} failed: ${error instanceof Error ? error.name : "unknown error"}`);
      response = json({ error: "server_error", error_description: "Something went wrong on the server. Please try again." }, 500);
    }
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  };
}

/** The preflight answer for a route: 204 with the CORS headers when the origin is allowed, else without them. */
export function preflight(methods: string) {
  return async (request: Request): Promise<Response> =>
    new Response(null, { status: 204, headers: corsHeaders(request.headers.get("origin"), env.API_CORS_ORIGINS, `${methods}, OPTIONS`) });
}

export type BearerContext = { user: SessionUser; familyId: string; claims: AccessClaims };

/** The bearer token from `Authorization: Bearer <token>` (RFC 6750 §2.1 only: no query or body tokens). */
function bearerToken(request: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/**
 * Checks the access token (signature, claims) and then its family: revoked, expired or disabled users'
 * tokens are refused here at once, although the token itself stays valid for other services until exp.
 */
export async function authenticateBearer(
  request: Request,
  scope: Scope,
): Promise<{ ok: true; context: BearerContext } | { ok: false; response: Response }> {
  if (!request.headers.has("authorization")) return { ok: false, response: bearerError("invalid_token", "An access token is required.") };
  const token = bearerToken(request);
  if (!token) return { ok: false, response: bearerError("invalid_request", "Send the access token as Authorization: Bearer <token>.") };
  const verified = await verifyAccessToken(tokenSettings(), token);
  if (!verified.ok) {
    const description = verified.reason === "expired" ? "The access token has expired." : "The access token is not valid.";
    return { ok: false, response: bearerError("invalid_token", description) };
  }
  const family = await liveFamily(verified.claims.sid, verified.claims.sub);
  if (!family) return { ok: false, response: bearerError("invalid_token", "The access token has been revoked.") };
  if (!verified.claims.scope.includes(scope)) {
    return { ok: false, response: bearerError("insufficient_scope", `This request needs the ${scope} scope.`, scope) };
  }
  return { ok: true, context: { user: family.user, familyId: family.familyId, claims: verified.claims } };
}

/** Reads a request body of at most MAX_BODY_BYTES as text; null when larger. */
export async function readBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return null;
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A body as a flat record of strings: application/x-www-form-urlencoded (OAuth's form) or a JSON object.
 * null when it is neither, or holds anything but strings (numbers and booleans are kept as text).
 */
export function parseFlatBody(text: string, contentType: string | null): Record<string, string> | null {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(text);
    const out: Record<string, string> = {};
    for (const [key, value] of params) {
      // RFC 6749 §3.1: a parameter sent twice is an error.
      if (Object.hasOwn(out, key)) return null;
      out[key] = value;
    }
    return out;
  }
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return null;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") out[key] = value;
      else if (typeof value === "number" || typeof value === "boolean") out[key] = String(value);
      else return null;
    }
    return out;
  }
  return null;
}

/** A JSON body (Content-Type application/json); undefined when it is not JSON. */
export function parseJsonBody(text: string, contentType: string | null): unknown {
  if ((contentType ?? "").split(";")[0]?.trim().toLowerCase() !== "application/json") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A bearer-protected API route: the token and its family are checked before `handler` runs. */
export function bearerRoute(
  methods: string,
  scope: Scope,
  handler: (context: BearerContext, request: Request, params: Record<string, string>) => Promise<Response> | Response,
) {
  return apiRoute(methods, async (request, params) => {
    const checked = await authenticateBearer(request, scope);
    return checked.ok ? handler(checked.context, request, params) : checked.response;
  });
}

/** JSON 405 for the methods a route does not answer (Next.js's own 405 has no body). */
export function methodNotAllowed(methods: string) {
  return apiRoute(methods, async () => problem(405, "method_not_allowed", `This endpoint answers ${methods}.`, {}));
}

type RouteHandler = ReturnType<typeof apiRoute>;
type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

/**
 * Every method export of a route that answers one method: `handler` for it, the CORS preflight for
 * OPTIONS, and a JSON 405 for the rest. A route file destructures them:
 * `export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = oneMethod("POST", handler)`.
 */
export function oneMethod(method: Method, handler: RouteHandler): Record<Method | "OPTIONS", RouteHandler> {
  const refused = methodNotAllowed(method);
  const pick = (name: Method) => (name === method ? handler : refused);
  return {
    GET: pick("GET"),
    POST: pick("POST"),
    PUT: pick("PUT"),
    DELETE: pick("DELETE"),
    PATCH: pick("PATCH"),
    OPTIONS: preflight(method),
  };
}
