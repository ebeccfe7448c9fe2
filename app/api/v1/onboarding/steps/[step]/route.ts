import { bearerRoute, oneMethod } from "@/lib/api/http";
import { putStep } from "@/lib/api/resources";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = oneMethod(
  "PUT",
  bearerRoute("PUT", "onboarding", (context, request, params) => putStep(context, request, params.step ?? "")),
);

export const dynamic = "force-dynamic";
