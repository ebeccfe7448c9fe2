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
