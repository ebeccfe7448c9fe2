import { describe, expect, it } from "vitest";
import { HANDOFF_TTL_MS, handoffCount, openHandoff, sealHandoff } from "./handoff";

// proxy.ts hands a checked session to the page through a request header; the page must take it only
// from this process, for this cookie, once, for as long as a page load takes.

const handoff = {
  session: { user: { id: "u1", name: "Ada", email: "ada@example.test", role: "USER" as const }, expires: "2030-01-01T00:00:00.000Z" },
  token: null,
};

describe("the session handoff", () => {
  it("opens what it sealed for the same cookie, once", () => {
    const id = sealHandoff(handoff, "cookie-a");
    expect(openHandoff(id, "cookie-a")).toEqual(handoff);
    expect(openHandoff(id, "cookie-a")).toBeNull();
  });

  it("refuses it for another cookie, when absent, made up or expired", () => {
    const now = Date.now();
    const forB = sealHandoff(handoff, "cookie-a", now);
    expect(openHandoff(forB, "cookie-b", now)).toBeNull();
    expect(openHandoff(forB, "cookie-a", now)).toBeNull();
    expect(openHandoff(null, "cookie-a", now)).toBeNull();
    expect(openHandoff("", "cookie-a", now)).toBeNull();
    expect(openHandoff(crypto.randomUUID(), "cookie-a", now)).toBeNull();
    const id = sealHandoff(handoff, "cookie-a", now);
    expect(openHandoff(`${id} `, "cookie-a", now)).toBeNull();
    expect(openHandoff(id, "cookie-a", now + HANDOFF_TTL_MS - 1)).toEqual(handoff);
    const late = sealHandoff(handoff, "cookie-a", now);
    expect(openHandoff(late, "cookie-a", now + HANDOFF_TTL_MS)).toBeNull();
  });

  it("hands out a new id each time, even for the same session", () => {
    expect(sealHandoff(handoff, "cookie-a")).not.toBe(sealHandoff(handoff, "cookie-a"));
  });

  it("sweeps entries older than the TTL as new ones arrive, so unread ones do not pile up", () => {
    const start = Date.now() + 60_000;
    const old = Array.from({ length: 100 }, () => sealHandoff(handoff, "cookie-old", start));
    expect(handoffCount()).toBeGreaterThanOrEqual(100);
    const fresh = sealHandoff(handoff, "cookie-new", start + HANDOFF_TTL_MS);
    expect(handoffCount()).toBe(1);
    expect(old.map((id) => openHandoff(id, "cookie-old", start))).toEqual(old.map(() => null));
    expect(openHandoff(fresh, "cookie-new", start + HANDOFF_TTL_MS)).toEqual(handoff);
  });
});
