import "server-only";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { authorizeCredentials, throttledMessage, ThrottledSignIn } from "@/lib/auth/authorize";
import { getRequestMeta } from "@/lib/request-meta";
import { createFamily, familyOfRefreshToken, familyRef, revokeFamily, rotateRefreshToken, type IssuedRefresh } from "./families";
import { json, oauthError, parseFlatBody, readBody } from "./http";
import { parseScope, SCOPES } from "./scopes";
import { tokenSettings } from "./settings";
import { signAccessToken, verifyAccessToken } from "./tokens";

// The token endpoint (RFC 6749 §4.3 password grant, §6 refresh) and revocation (RFC 7009).

const SIGN_IN_REFUSED = "That email and password do not match an account.";
const DEVICE_NAME_MAX = 64;

const deviceNameSchema = z
  .string()
  .trim()
  .max(DEVICE_NAME_MAX, `device_name is at most ${DEVICE_NAME_MAX} characters.`)
  .regex(/^[^\p{Cc}]*$/u, "device_name cannot contain control characters.")
  .optional();

const grantSchema = z.discriminatedUnion("grant_type", [
  z.object({
    grant_type: z.literal("password"),
    // The sign-in form's own schema checks these (lib/auth/authorize.ts); here they only must be present.
    username: z.string().optional(),
    email: z.string().optional(),
    password: z.string({ error: "password is required." }),
    scope: z.string().max(200, "scope is too long.").optional(),
    device_name: deviceNameSchema,
  }),
  z.object({
    grant_type: z.literal("refresh_token"),
    refresh_token: z.string({ error: "refresh_token is required." }).max(200, "refresh_token is not valid."),
  }),
]);

async function issue(issued: IssuedRefresh): Promise<Response> {
  const { token, expiresIn } = await signAccessToken(tokenSettings(), { sub: issued.user.id, sid: issued.familyId, scope: issued.scope });
  return json({
    access_token: token,
    token_type: "Bearer",
    expires_in: expiresIn,
    refresh_token: issued.refreshToken,
    scope: issued.scope.join(" "),
  });
}

async function readParams(request: Request): Promise<Record<string, string> | Response> {
  const text = await readBody(request);
  if (text === null) return oauthError("invalid_request", "The request body is too large.", 413);
  const params = parseFlatBody(text, request.headers.get("content-type"));
  if (!params) {
    return oauthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded (or a flat JSON object), each once.");
  }
  return params;
}

export async function tokenRequest(request: Request): Promise<Response> {
  const params = await readParams(request);
  if (params instanceof Response) return params;
  if (params.grant_type !== undefined && params.grant_type !== "password" && params.grant_type !== "refresh_token") {
    return oauthError("unsupported_grant_type", "grant_type must be password or refresh_token.");
  }
  const parsed = grantSchema.safeParse(params);
  if (!parsed.success) return oauthError("invalid_request", parsed.error.issues[0]?.message ?? "The request is not valid.");
  const input = parsed.data;
  if (input.grant_type === "refresh_token") {
    const result = await rotateRefreshToken(input.refresh_token);
    if (!result.ok) {
      const description = {
        unknown: "The refresh token is not valid.",
        reused: "The refresh token was already used: this sign-in has been ended. Sign in again.",
        expired: "The refresh token has expired. Sign in again.",
        revoked: "This sign-in has been ended. Sign in again.",
      }[result.reason];
      return oauthError("invalid_grant", description);
    }
    return issue(result.issued);
  }
  const scope = input.scope === undefined ? [...SCOPES] : parseScope(input.scope);
  if (!scope) return oauthError("invalid_scope", `scope must be one or more of: ${SCOPES.join(", ")}.`);
  let user;
  try {
    user = await authorizeCredentials({ email: input.username ?? input.email, password: input.password });
  } catch (error) {
    if (error instanceof ThrottledSignIn) {
      return oauthError("invalid_grant", throttledMessage(error.retryAfterSeconds), 429, {
        "Retry-After": String(error.retryAfterSeconds),
      });
    }
    throw error;
  }
  if (!user) return oauthError("invalid_grant", SIGN_IN_REFUSED);
  const meta = await getRequestMeta();
  const issued = await createFamily(user, scope, { deviceName: input.device_name || null, userAgent: meta.userAgent, ip: meta.ip });
  await recordActivity({ type: "signin.success", userId: user.id, session: familyRef(issued.familyId), detail: { via: "api" } });
  return issue(issued);
}

const revokeSchema = z.object({
  token: z.string({ error: "token is required." }).max(4096, "token is too long."),
  token_type_hint: z
    .enum(["refresh_token", "access_token"], { error: "token_type_hint must be refresh_token or access_token." })
    .optional(),
});

/**
 * RFC 7009: revokes the family of a refresh token or of an access token's `sid`. Answers 200 for an
 * unknown or invalid token too (§2.2), so it tells a caller nothing about tokens it does not hold.
 */
export async function revokeRequest(request: Request): Promise<Response> {
  const params = await readParams(request);
  if (params instanceof Response) return params;
  const parsed = revokeSchema.safeParse(params);
  if (!parsed.success) return oauthError("invalid_request", parsed.error.issues[0]?.message ?? "The request is not valid.");
  const { token } = parsed.data;
  const family = token.includes(".") ? await familyOfAccessToken(token) : await familyOfRefreshToken(token);
  if (family && (await revokeFamily(family.familyId, "client"))) {
    await recordActivity({ type: "signout", userId: family.userId, session: familyRef(family.familyId), detail: { via: "api" } });
  }
  return json({});
}

async function familyOfAccessToken(token: string): Promise<{ familyId: string; userId: string } | null> {
  const verified = await verifyAccessToken(tokenSettings(), token);
  return verified.ok ? { familyId: verified.claims.sid, userId: verified.claims.sub } : null;
}
