import { apiRoute, json } from "@/lib/api/http";
import { publicKeySet } from "@/lib/api/jwks";

// The public keys that verify API access tokens (lib/api/keys.ts): one per configured AUTH_SECRET.
export const GET = apiRoute("GET", async () => json(await publicKeySet(), 200, { "Cache-Control": "public, max-age=300" }));

export const dynamic = "force-dynamic";
