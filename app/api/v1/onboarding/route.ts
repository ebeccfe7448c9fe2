import { bearerRoute, oneMethod } from "@/lib/api/http";
import { onboarding } from "@/lib/api/resources";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = oneMethod("GET", bearerRoute("GET", "onboarding", onboarding));

export const dynamic = "force-dynamic";
