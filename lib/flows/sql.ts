// Which tables an SQL statement touches, and whether it reads or writes: enough to say "Session: 1 read".

const OPERATION = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;
// A table after FROM, JOIN, INTO or UPDATE, quoted as Prisma quotes it, with or without its schema.
const TABLE = /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:[`"][^`"]+[`"]\.)?[`"]([A-Za-z_][A-Za-z0-9_]*)[`"]/gi;

export type ClassifiedStatement = { op: "read" | "write"; tables: string[] };

/** null for what is not a read or write of a table: BEGIN, COMMIT, PRAGMA, `SELECT 1`. */
export function classifyStatement(sql: string): ClassifiedStatement | null {
  const verb = OPERATION.exec(sql)?.[1]?.toUpperCase();
  if (!verb) return null;
  const tables = [...new Set([...sql.matchAll(TABLE)].map((match) => match[1] ?? ""))].filter(Boolean);
  if (!tables.length) return null;
  const writes =
    verb === "INSERT" || verb === "UPDATE" || verb === "DELETE" || (verb === "WITH" && /\b(INSERT|UPDATE|DELETE)\b/i.test(sql));
  return { op: writes ? "write" : "read", tables };
}
