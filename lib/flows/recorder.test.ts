import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import { FLOW_STEP_HEADER, STATEMENTS_FILE } from "./protocol";
import type { RecorderEvent } from "./types";

// The server's half of the flow recorder against a real database: the statements the app's Prisma
// client sends are filed under the request that caused them, by table, in the proxy or after it.
const recordDir = mkdtempSync(join(tmpdir(), "auth-modes-flows-recorder-"));
const database = temporaryDatabase("flows-recorder", { AUTH_MODES_RECORD_FLOWS: recordDir });

beforeAll(() => database.setup(), 60_000);
afterAll(async () => {
  await database.teardown();
  rmSync(recordDir, { recursive: true, force: true });
});

function recorded(): RecorderEvent[] {
  return readFileSync(join(recordDir, STATEMENTS_FILE), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecorderEvent);
}

describe("the flow recorder", () => {
  it("files each statement under the tagged request, by table and operation, in the proxy and after it", async () => {
    const { getDb } = await import("@/lib/db");
    const { flowProxyDone, flowRequestStarted } = await import("./recorder");
    const db = getDb();

    flowRequestStarted(new Headers({ [FLOW_STEP_HEADER]: "test-1" }));
    await db.session.findMany({ where: { sessionToken: "nothing" } });
    flowProxyDone(new Response(null, { headers: { "x-middleware-next": "1" } }));
    await db.user.create({ data: { email: "recorded@example.com" } });
    await db.activityEvent.findMany();
    await db.$queryRawUnsafe("SELECT 1");

    // An untagged request (a browser's, say) records nothing; a proxy that answers itself says so.
    flowRequestStarted(new Headers());
    await db.user.findMany();
    flowProxyDone(null);
    flowRequestStarted(new Headers({ [FLOW_STEP_HEADER]: "test-2" }));
    flowProxyDone(new Response(null, { status: 307 }));

    expect(recorded()).toEqual([
      { step: "test-1", site: "proxy", table: "Session", op: "read" },
      { step: "test-1", proxy: "handed on" },
      { step: "test-1", site: "app", table: "User", op: "write" },
      { step: "test-2", proxy: "answered" },
    ]);
    // The first statement opens the database: seconds on a loaded machine.
  }, 30_000);

  it("never writes a value: only step names, tables and operations", () => {
    const file = readFileSync(join(recordDir, STATEMENTS_FILE), "utf8");
    expect(file).not.toContain("recorded@example.com");
    expect(file).not.toContain("nothing");
  });
});
