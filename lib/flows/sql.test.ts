import { describe, expect, it } from "vitest";
import { classifyStatement } from "./sql";

describe("classifyStatement", () => {
  it("reads the table and the operation of the statements Prisma sends, on SQLite and PostgreSQL", () => {
    expect(
      classifyStatement("SELECT `main`.`Session`.`id` FROM `main`.`Session` WHERE `main`.`Session`.`sessionToken` = ? LIMIT ? OFFSET ?"),
    ).toEqual({
      op: "read",
      tables: ["Session"],
    });
    expect(classifyStatement('SELECT "public"."User"."id" FROM "public"."User" WHERE "public"."User"."email" = $1')).toEqual({
      op: "read",
      tables: ["User"],
    });
    expect(classifyStatement('INSERT INTO "main"."Session" ("id") VALUES (?) RETURNING "id"')).toEqual({
      op: "write",
      tables: ["Session"],
    });
    expect(classifyStatement('UPDATE "public"."FormProgress" SET "step" = $1 WHERE "id" = $2')).toEqual({
      op: "write",
      tables: ["FormProgress"],
    });
    expect(classifyStatement('DELETE FROM "main"."Session" WHERE "sessionToken" = ?')).toEqual({ op: "write", tables: ["Session"] });
  });

  it("counts a join for every table it reads", () => {
    expect(
      classifyStatement('SELECT "t0"."id" FROM "main"."Session" AS "t0" LEFT JOIN "main"."User" AS "t1" ON "t0"."userId" = "t1"."id"'),
    ).toEqual({ op: "read", tables: ["Session", "User"] });
  });

  it("ignores what touches no table: transactions, pragmas, the health probe", () => {
    for (const sql of ["BEGIN", "COMMIT", "PRAGMA busy_timeout = 5000", "SELECT 1", "SELECT pg_advisory_xact_lock(1)"]) {
      expect(classifyStatement(sql)).toBeNull();
    }
  });
});
