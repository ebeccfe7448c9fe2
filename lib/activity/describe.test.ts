import { describe, expect, it } from "vitest";
import { describeDetail } from "./describe";
import { parseActivityFilter } from "./query";

describe("describeDetail", () => {
  it("explains refusals, revocations, timeouts and role changes in words", () => {
    expect(describeDetail("signin.failure", { reason: "wrong_password" }, null)).toBe("wrong password");
    expect(describeDetail("signin.failure", { reason: "unknown_email", email: "x@example.test" }, null)).toBe(
      "no account with that email (x@example.test)",
    );
    expect(describeDetail("session.revoked", { scope: "all", by: "admin" }, "boss@example.test")).toBe(
      "every session, by admin boss@example.test",
    );
    expect(describeDetail("session.revoked", { scope: "one", by: "self" }, "me@example.test")).toBe("this session, by the user");
    expect(describeDetail("session.revoked", { scope: "one", by: "self", reason: "password_checks" }, "me@example.test")).toBe(
      "this session, after too many wrong current passwords",
    );
    expect(describeDetail("session.expired", { reason: "absolute" }, null)).toBe("absolute lifetime reached");
    expect(describeDetail("role.changed", { from: "USER", to: "ADMIN" }, "boss@example.test")).toBe("USER → ADMIN by boss@example.test");
    expect(describeDetail("role.changed", { from: "USER", to: "ADMIN", via: "cli" }, null)).toBe(
      "USER → ADMIN by the server's admin command",
    );
    expect(describeDetail("role.changed", { from: "USER", to: "ADMIN", via: "setup_code" }, null)).toBe(
      "USER → ADMIN with the setup code from the server log",
    );
    expect(describeDetail("page.view", {}, null)).toBe("");
  });
});

describe("parseActivityFilter", () => {
  it("keeps valid filters and turns anything else into the unfiltered first page", () => {
    expect(parseActivityFilter({ page: "3", type: "signout", user: " Ada@Example.test " })).toEqual({
      page: 3,
      type: "signout",
      user: "ada@example.test",
    });
    expect(parseActivityFilter({ page: "-1", type: "__proto__", user: "" })).toEqual({ page: 1, type: undefined, user: undefined });
    expect(parseActivityFilter({ page: ["2", "9"], type: ["constructor"] })).toEqual({ page: 2, type: undefined, user: undefined });
    expect(parseActivityFilter({ page: "1e309" })).toEqual({ page: 1, type: undefined, user: undefined });
  });
});
