import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionRefOf } from "./session-ref";

// The database is replaced by a stub: these tests are about what recordActivity does with it.
const create = vi.fn();
const createMany = vi.fn();
vi.mock("@/lib/db", () => ({ getDb: () => ({ activityEvent: { create, createMany } }) }));

afterEach(() => {
  create.mockReset();
  createMany.mockReset();
  vi.restoreAllMocks();
});

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("recordActivity", () => {
  it("writes one row with a hashed session reference, never the stored hash itself", async () => {
    create.mockResolvedValue({});
    const { recordActivity } = await import("./record");
    await recordActivity({ type: "signout", userId: "user-1", session: { hash: "stored-hash-of-a-token" }, detail: { scope: "one" } });
    await settle();
    expect(create).toHaveBeenCalledTimes(1);
    const data = create.mock.calls[0]?.[0]?.data;
    expect(data).toMatchObject({
      type: "signout",
      userId: "user-1",
      actorId: null,
      sessionRef: sessionRefOf("stored-hash-of-a-token"),
      detail: '{"scope":"one"}',
    });
    expect(JSON.stringify(data)).not.toContain("stored-hash-of-a-token");
  });

  it("never throws when the write fails: it logs which event failed, without its content", async () => {
    create.mockRejectedValue(Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "P1008" }));
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { recordActivity } = await import("./record");
    await expect(
      recordActivity({ type: "signin.failure", userId: null, detail: { reason: "unknown_email", email: "someone@example.test" } }),
    ).resolves.toBeUndefined();
    await settle();
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toBe("[activity] could not record a signin.failure event: Error P1008");
  });

  it("drops an oversized detail instead of storing it", async () => {
    create.mockResolvedValue({});
    const { recordActivity } = await import("./record");
    await recordActivity({ type: "signout", userId: "user-1", path: `/${"x".repeat(2_000)}`, detail: { huge: "y".repeat(5_000) } });
    await settle();
    const data = create.mock.calls[0]?.[0]?.data;
    expect(data.detail).toBeNull();
    expect(data.path).toHaveLength(512);
  });

  it("queues page views and writes them in one batch before the next other event, in order", async () => {
    create.mockResolvedValue({});
    createMany.mockResolvedValue({ count: 2 });
    const { recordActivity } = await import("./record");
    await recordActivity({ type: "page.view", userId: "user-1", path: "/dashboard" });
    await recordActivity({ type: "page.view", userId: "user-1", path: "/sessions" });
    await settle();
    expect(createMany).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    await recordActivity({ type: "signout", userId: "user-1" });
    await settle();
    expect(createMany).toHaveBeenCalledTimes(1);
    expect(createMany.mock.calls[0]?.[0]?.data.map((row: { path: string }) => row.path)).toEqual(["/dashboard", "/sessions"]);
    expect(createMany.mock.invocationCallOrder[0]).toBeLessThan(create.mock.invocationCallOrder[0] ?? 0);
  });
});
