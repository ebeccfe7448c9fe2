import { revokeRequest } from "@/lib/api/grant";
import { apiRoute, oneMethod } from "@/lib/api/http";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = oneMethod("POST", apiRoute("POST", revokeRequest));

export const dynamic = "force-dynamic";
