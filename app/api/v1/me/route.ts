import { bearerRoute, methodNotAllowed, preflight } from "@/lib/api/http";
import { me } from "@/lib/api/resources";

export const GET = bearerRoute("GET", "profile", me);
export const OPTIONS = preflight("GET");
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;

export const dynamic = "force-dynamic";
