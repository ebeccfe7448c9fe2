import { createHash } from "node:crypto";
import type { E2eDatabase } from "./database";

export function sha256Base64url(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

/** The stored `sessionToken` column of every Session row of the user with this email. */
export async function storedSessionTokens(db: E2eDatabase, email: string): Promise<string[]> {
  const result = await db.execute({
    sql: `SELECT s."sessionToken" AS "token" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ?`,
    args: [email],
  });
  return result.rows.map((row) => String(row.token));
}

export async function countUsers(db: E2eDatabase, email: string): Promise<number> {
  const result = await db.execute({ sql: `SELECT COUNT(*) AS n FROM "User" WHERE "email" = ?`, args: [email] });
  return Number(result.rows[0]?.n ?? 0);
}

export type StoredSubmission = { formId: string; workspaceSlug: string; answers: unknown };

/** Every Submission row of the user with this email. */
export async function submissionsOf(db: E2eDatabase, email: string): Promise<StoredSubmission[]> {
  const result = await db.execute({
    sql: `SELECT s."formId" AS "formId", s."workspaceSlug" AS slug, s."data" AS data FROM "Submission" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ?`,
    args: [email],
  });
  return result.rows.map((row) => ({
    formId: String(row.formId),
    workspaceSlug: String(row.slug),
    answers: (JSON.parse(String(row.data)) as { answers: unknown }).answers,
  }));
}

export async function countFormProgress(db: E2eDatabase, email: string): Promise<number> {
  const result = await db.execute({
    sql: `SELECT COUNT(*) AS n FROM "FormProgress" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ?`,
    args: [email],
  });
  return Number(result.rows[0]?.n ?? 0);
}

export type StoredEvent = {
  type: string;
  userId: string | null;
  actorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  path: string | null;
  sessionRef: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
};

/** Every ActivityEvent row of the user with this email, oldest first. */
export async function activityOf(db: E2eDatabase, email: string): Promise<StoredEvent[]> {
  const result = await db.execute({
    sql: `SELECT e."type" AS "type", e."userId" AS "userId", a."email" AS "actorEmail", e."ip" AS "ip", e."userAgent" AS "userAgent",
                 e."path" AS "path", e."sessionRef" AS "sessionRef", e."detail" AS "detail", e."createdAt" AS "createdAt"
          FROM "ActivityEvent" e JOIN "User" u ON u."id" = e."userId" LEFT JOIN "User" a ON a."id" = e."actorId"
          WHERE u."email" = ? ORDER BY e."createdAt", ${db.provider === "sqlite" ? `e."rowid"` : `e."id"`}`,
    args: [email],
  });
  return result.rows.map((row) => ({
    type: String(row.type),
    userId: row.userId === null ? null : String(row.userId),
    actorEmail: row.actorEmail === null ? null : String(row.actorEmail),
    ip: row.ip === null ? null : String(row.ip),
    userAgent: row.userAgent === null ? null : String(row.userAgent),
    path: row.path === null ? null : String(row.path),
    sessionRef: row.sessionRef === null ? null : String(row.sessionRef),
    detail: row.detail === null ? {} : (JSON.parse(String(row.detail)) as Record<string, unknown>),
    createdAt: String(row.createdAt),
  }));
}

/** The raw text of every ActivityEvent row, for checking that no secret was stored. */
export async function allActivityText(db: E2eDatabase): Promise<string> {
  const result = await db.execute(`SELECT * FROM "ActivityEvent"`);
  return JSON.stringify(result.rows);
}

export async function setRole(db: E2eDatabase, email: string, role: "USER" | "ADMIN"): Promise<void> {
  await db.execute({ sql: `UPDATE "User" SET "role" = ? WHERE "email" = ?`, args: [role, email] });
}

export async function userIdOf(db: E2eDatabase, email: string): Promise<string> {
  const result = await db.execute({ sql: `SELECT "id" FROM "User" WHERE "email" = ?`, args: [email] });
  return String(result.rows[0]?.id);
}

export async function roleOf(db: E2eDatabase, email: string): Promise<string> {
  const result = await db.execute({ sql: `SELECT "role" FROM "User" WHERE "email" = ?`, args: [email] });
  return String(result.rows[0]?.role);
}

export async function isDisabled(db: E2eDatabase, email: string): Promise<boolean> {
  const result = await db.execute({ sql: `SELECT "disabledAt" FROM "User" WHERE "email" = ?`, args: [email] });
  return result.rows[0]?.disabledAt !== null;
}
