"use server";

import { redirect } from "next/navigation";
import { recordActivity } from "@/lib/activity/record";
import { redeemSetupCode as redeem } from "@/lib/admin/setup-code";
import { update } from "@/lib/auth";
import { getModeInfo } from "@/lib/auth/mode";
import { setupCodeSchema } from "@/lib/forms/setup";
import type { ActionState } from "./state";
import { sessionFormAction } from "./with-session";

export type SetupCodeState = ActionState<"code">;

const REFUSED = {
  invalid:
    "That code does not work. It may be mistyped, already used, or expired: restarting the server prints a new one while the app has no admin.",
  admin_exists: "This app already has an admin, so setup codes no longer work. Ask an admin to change your role.",
} as const;

export const redeemSetupCode = sessionFormAction(
  "/setup",
  { schema: setupCodeSchema, fields: ["code"] },
  async (session, { code }): Promise<SetupCodeState> => {
    const result = await redeem(session.user.id, code);
    if (!result.ok) return { status: "error", fieldErrors: { code: [REFUSED[result.reason]] } };
    await recordActivity({
      type: "role.changed",
      userId: session.user.id,
      session: "current",
      detail: { from: "USER", to: "ADMIN", via: "setup_code" },
    });
    // A token carries the role it was issued with: re-issue it, so the admin pages open now (the other
    // modes read the role on every request). Then a redirect: this request's cookie is the old token.
    if ((await getModeInfo()).reissuable) await update({});
    redirect("/admin/users");
  },
);
