import "server-only";
import type { SessionUser } from "@/lib/auth/types";
import { findActiveUser } from "@/lib/users";
import { serverEndsEveryToken } from "./mode";

/**
 * Whether the signed-in user may use the admin pages and actions. The session's role must be ADMIN. In
 * database mode and jwt `sid` and `version` modes that role was read from the database on this request. In stateless jwt
 * mode it is the role at the token's last issue, so the database is asked as well: a promotion reaches
 * the browser with the next token, but a demotion or a disabled account closes the admin pages at once.
 */
export async function isCurrentAdmin(user: SessionUser): Promise<boolean> {
  if (user.role !== "ADMIN") return false;
  if (serverEndsEveryToken()) return true;
  return (await findActiveUser(user.id))?.role === "ADMIN";
}
