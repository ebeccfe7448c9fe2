import { bearerRoute, oneMethod } from "@/lib/api/http";
import { me } from "@/lib/api/resources";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = oneMethod("GET", bearerRoute("GET", "profile", me));

export const dynamic = "force-dynamic";
