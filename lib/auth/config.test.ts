import type { NextAuthConfig } from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";

type SessionCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["session"]>;
type SessionParams = Parameters<SessionCallback>[0];

async function configFor(strategy: "database" | "jwt"): Promise<NextAuthConfig> {
  vi.resetModules();
  vi.stubEnv("AUTH_SESSION_STRATEGY", strategy);
  // Stateless here: the sid registry needs a database (covered end to end).
  vi.stubEnv("AUTH_JWT_REVOCATION", "off");
  vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  const { buildAuthConfig } = await import("./config");
  return buildAuthConfig();
}

const user = {
  id: "user-1",
  name: "Ada",
  email: "ada@example.test",
  emailVerified: null,
  image: null,
  role: "ADMIN" as const,
  disabledAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
};
const expires = new Date("2030-01-01T00:00:00.000Z");
const DTO = { user: { id: "user-1", name: "Ada", email: "ada@example.test", role: "ADMIN" }, expires: expires.toISOString() };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("buildAuthConfig", () => {
  it("database mode: adapter set, strategy left to its default, session row never exposed", async () => {
    const config = await configFor("database");
    expect(config.adapter).toBeDefined();
    expect(config.session?.strategy).toBeUndefined();
    const row = { id: "s1", sessionToken: "hash-of-token", userId: "user-1", expires, user };
    const params = { session: row, user } as unknown as SessionParams;
    expect(await config.callbacks?.session?.(params)).toEqual(DTO);
  });

  it("jwt mode: no adapter, and the session exposes only the DTO built from the token", async () => {
    const config = await configFor("jwt");
    expect(config.adapter).toBeUndefined();
    expect(config.session?.strategy).toBe("jwt");
    const token = { sub: "user-1", name: "Ada", email: "ada@example.test", role: "ADMIN", jti: "j", iat: 1, exp: 2 };
    const params = { session: { expires: expires.toISOString(), user: {} }, token } as unknown as SessionParams;
    expect(await config.callbacks?.session?.(params)).toEqual(DTO);
  });

  it("jwt mode: the sign-in token carries id, name, email, role, sign-in time and a random session id, nothing else", async () => {
    const config = await configFor("jwt");
    const token = await config.callbacks?.jwt?.({
      token: { name: "Ada", email: "ada@example.test", picture: null, sub: "user-1" },
      user: { id: "user-1", name: "Ada", email: "ada@example.test", role: "USER" },
      account: null,
      trigger: "signIn",
    });
    expect(token).toEqual({ sub: "user-1", name: "Ada", email: "ada@example.test", role: "USER", authTime: expect.any(Number), sid: expect.stringMatching(/^[\w-]{43}$/) });
  });
});
