import type { ActivityDetail } from "@/lib/activity/types";
import { getDb } from "@/lib/db";
import { emailSchema } from "@/lib/forms/auth";
import { demoteUnlessLastAdmin, LAST_ADMIN_MESSAGE } from "./roles";
import { discardSetupCodes } from "./setup-code";

// `npm run admin` (scripts/admin.mts): making and removing admins from the server's own shell, the one
// place where nobody has to prove who they are to the app. The script only prints what these return.
// No "server-only" here: the script imports it outside Next.js.

export const ADMIN_USAGE = [
  "usage: npm run admin -- grant <email>    make the account with this email an admin",
  "       npm run admin -- revoke <email>   make that admin a regular user again (never the last active admin)",
  "       npm run admin -- list             list the admins",
].join("\n");

export type AdminCommand = { name: "grant" | "revoke"; email: string } | { name: "list" };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads the command line (without node and the script). */
export function parseAdminCommand(args: readonly string[]): Parsed<AdminCommand> {
  const [name, ...rest] = args;
  if (name === "list") {
    return rest.length ? { ok: false, message: `list takes no arguments (got ${rest.join(" ")})` } : { ok: true, value: { name } };
  }
  if (name === "grant" || name === "revoke") {
    if (rest.length !== 1) return { ok: false, message: `${name} takes exactly one email address` };
    const email = emailSchema.safeParse(rest[0]);
    if (!email.success) return { ok: false, message: `"${rest[0]}" is not an email address` };
    return { ok: true, value: { name, email: email.data } };
  }
  return { ok: false, message: name ? `unknown command "${name}"` : "no command given" };
}

export type CommandResult = { ok: boolean; lines: string[] };

const done = (...lines: string[]): CommandResult => ({ ok: true, lines });
const refused = (...lines: string[]): CommandResult => ({ ok: false, lines });

function unknownAccount(email: string): CommandResult {
  return refused(`No account uses ${email}. The person registers first (the app's /register page), then run this again.`);
}

/** The trail notes that the change came from the server's admin command, with no admin as the actor. */
async function recordRoleChange(userId: string, from: string, to: string): Promise<void> {
  const detail: ActivityDetail = { from, to, via: "cli" };
  await getDb().activityEvent.create({ data: { type: "role.changed", userId, detail: JSON.stringify(detail) } });
}

/** Makes the account an admin. Running it again changes nothing. */
export async function grantAdmin(email: string): Promise<CommandResult> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, role: true, disabledAt: true } });
  if (!user) return unknownAccount(email);
  const disabledNote = user.disabledAt ? [`Note: ${email} is disabled and cannot sign in until an admin enables the account.`] : [];
  if (user.role === "ADMIN") return done(`${email} is already an admin: nothing changed.`, ...disabledNote);
  const { count } = await db.user.updateMany({ where: { id: user.id, role: "USER" }, data: { role: "ADMIN" } });
  if (count !== 1) return done(`${email} is already an admin: nothing changed.`, ...disabledNote);
  await recordRoleChange(user.id, "USER", "ADMIN");
  // An admin exists now: setup codes still waiting in the log must not make another.
  const discarded = user.disabledAt ? 0 : await discardSetupCodes();
  return done(
    `${email} is now an admin. A signed-in session picks the role up at its next request (stateless JWT: at its next token re-issue).`,
    ...(discarded ? [`Discarded ${discarded === 1 ? "the unused setup code" : `${discarded} unused setup codes`}.`] : []),
    ...disabledNote,
  );
}

/** Makes the admin a regular user, unless they are the last active admin. Running it again changes nothing. */
export async function revokeAdmin(email: string): Promise<CommandResult> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, role: true } });
  if (!user) return unknownAccount(email);
  if (user.role !== "ADMIN") return done(`${email} is not an admin: nothing changed.`);
  if (await demoteUnlessLastAdmin(user.id)) {
    await recordRoleChange(user.id, "ADMIN", "USER");
    return done(`${email} is no longer an admin.`);
  }
  const current = await db.user.findUnique({ where: { id: user.id }, select: { role: true } });
  if (current?.role !== "ADMIN") return done(`${email} is not an admin: nothing changed.`);
  return refused(`${email} ${LAST_ADMIN_MESSAGE}`, "Grant another account first: npm run admin -- grant <email>");
}

export type AdminListing = { email: string; name: string | null; disabled: boolean };

export async function listAdmins(): Promise<AdminListing[]> {
  const rows = await getDb().user.findMany({
    where: { role: "ADMIN" },
    orderBy: { email: "asc" },
    select: { email: true, name: true, disabledAt: true },
  });
  return rows.map((row) => ({ email: row.email, name: row.name, disabled: row.disabledAt !== null }));
}

/** Runs one command line: what to print, and whether it succeeded (the exit status). */
export async function runAdminCommand(args: readonly string[]): Promise<CommandResult> {
  const parsed = parseAdminCommand(args);
  if (!parsed.ok) return refused(parsed.message, ADMIN_USAGE);
  const command = parsed.value;
  if (command.name === "grant") return grantAdmin(command.email);
  if (command.name === "revoke") return revokeAdmin(command.email);
  const admins = await listAdmins();
  if (!admins.length) return done("No admins yet. Make one with: npm run admin -- grant <email>");
  return done(
    `${admins.length === 1 ? "1 admin" : `${admins.length} admins`}:`,
    ...admins.map((admin) => `  ${admin.email}${admin.name ? ` (${admin.name})` : ""}${admin.disabled ? " — disabled" : ""}`),
  );
}
