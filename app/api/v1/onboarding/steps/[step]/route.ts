import { bearerRoute, methodNotAllowed, preflight } from "@/lib/api/http";
import { putStep } from "@/lib/api/resources";

export const PUT = bearerRoute("PUT", "onboarding", (context, request, params) => putStep(context, request, params.step ?? ""));
export const OPTIONS = preflight("PUT");
export const GET = methodNotAllowed("PUT");
export const POST = GET;
export const DELETE = GET;
export const PATCH = GET;

export const dynamic = "force-dynamic";
