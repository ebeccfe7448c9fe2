import { describe, expect, it } from "vitest";
import { isSessionCookie, sessionCookieName, usesSecureCookies } from "./cookies";

describe("session cookie naming", () => {
  it("uses the __Host- prefix only over HTTPS", () => {
    expect(sessionCookieName(false)).toBe("authjs.session-token");
    expect(sessionCookieName(true)).toBe("__Host-authjs.session-token");
    expect(usesSecureCookies("https://app.example")).toBe(true);
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
  });

  it("recognises the cookie and its chunks, nothing else", () => {
    const name = "authjs.session-token";
    expect(isSessionCookie(name, name)).toBe(true);
    expect(isSessionCookie(`${name}.0`, name)).toBe(true);
    expect(isSessionCookie(`${name}.12`, name)).toBe(true);
    expect(isSessionCookie("authjs.csrf-token", name)).toBe(false);
    expect(isSessionCookie("authjsXsession-token", name)).toBe(false);
    expect(isSessionCookie(`${name}.x`, name)).toBe(false);
  });
});
