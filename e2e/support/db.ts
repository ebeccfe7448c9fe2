import { createHash } from "node:crypto";
import type { Client } from "@libsql/client";

export function sha256Base64url(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

/** The stored `sessionToken` column of every Session row of the user with this email. */
export async function storedSessionTokens(db: Client, email: string): Promise<string[]> {
  const result = await db.execute({
    sql: `SELECT s."sessionToken" AS token FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ?`,
    args: [email],
  });
  return result.rows.map((row) => String(row.token));
}

export async function countUsers(db: Client, email: string): Promise<number> {
  const result = await db.execute({ sql: `SELECT COUNT(*) AS n FROM "User" WHERE "email" = ?`, args: [email] });
  return Number(result.rows[0]?.n ?? 0);
}

export type StoredSubmission = { formId: string; workspaceSlug: string; answers: unknown };

/** Every Submission row of the user with this email. */
export async function submissionsOf(db: Client, email: string): Promise<StoredSubmission[]> {
  const result = await db.execute({
    sql: `SELECT s."formId" AS formId, s."workspaceSlug" AS slug, s."data" AS data FROM "Submission" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ?`,
    args: [email],
  });
  return result.rows.map((row) => ({
    formId: String(row.formId),
    workspaceSlug: String(row.slug),
    answers: (JSON.parse(String(row.data)) as { answers: unknown }).answers,
  }));
}

export async function countFormProgress(db: Client, email: string): Promise<number> {
  const result = await db.execute({
    sql: `SELECT COUNT(*) AS n FROM "FormProgress" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ?`,
    args: [email],
  });
  return Number(result.rows[0]?.n ?? 0);
}
