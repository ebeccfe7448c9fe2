import { describe, expect, it } from "vitest";
import { openHandoff, sealHandoff } from "./handoff";

// proxy.ts hands a checked session to the page in a request header; the page must take it only from
// this process, for this cookie.

const handoff = {
  session: { user: { id: "u1", name: "Ada", email: "ada@example.test", role: "USER" as const }, expires: "2030-01-01T00:00:00.000Z" },
  token: null,
};

describe("the session handoff header", () => {
  it("opens what it sealed for the same cookie", () => {
    expect(openHandoff(sealHandoff(handoff, "cookie-a"), "cookie-a")).toEqual(handoff);
  });

  it("refuses it for another cookie, when absent, changed or made up", () => {
    const sealed = sealHandoff(handoff, "cookie-a");
    expect(openHandoff(sealed, "cookie-b")).toBeNull();
    expect(openHandoff(null, "cookie-a")).toBeNull();
    const [, tag] = sealed.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...handoff, session: { ...handoff.session, user: { ...handoff.session.user, role: "ADMIN" } } }),
    ).toString("base64url");
    expect(openHandoff(`${forged}.${tag}`, "cookie-a")).toBeNull();
    expect(openHandoff(`${forged}.${"A".repeat(43)}`, "cookie-a")).toBeNull();
    expect(openHandoff(`${sealed}.extra`, "cookie-a")).toBeNull();
    expect(openHandoff(forged, "cookie-a")).toBeNull();
  });
});
