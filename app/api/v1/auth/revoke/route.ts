import { revokeRequest } from "@/lib/api/grant";
import { apiRoute, methodNotAllowed, preflight } from "@/lib/api/http";

export const POST = apiRoute("POST", revokeRequest);
export const OPTIONS = preflight("POST");
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const DELETE = GET;
export const PATCH = GET;

export const dynamic = "force-dynamic";
