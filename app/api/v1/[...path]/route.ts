import { apiRoute, problem } from "@/lib/api/http";

// Anything else under /api/v1: a JSON 404, never the HTML not-found page.
const notFound = apiRoute("GET, POST, PUT, DELETE, PATCH", async () =>
  problem(404, "not_found", "There is no such API endpoint. See docs/api.md."),
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const DELETE = notFound;
export const PATCH = notFound;

export const dynamic = "force-dynamic";
