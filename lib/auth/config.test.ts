import type { NextAuthConfig } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type SessionCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["session"]>;
type SessionParams = Parameters<SessionCallback>[0];
type JwtCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["jwt"]>;
type JwtParams = Parameters<JwtCallback>[0];

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
    expect(token).toEqual({
      sub: "user-1",
      name: "Ada",
      email: "ada@example.test",
      role: "USER",
      authTime: expect.any(Number),
      checkedAt: expect.any(Number),
      sid: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(token?.checkedAt).toBe(token?.authTime);
  });
});

describe("jwt callback, stateless: the user is re-read once the last read is AUTH_SESSION_UPDATE_AGE old, whoever calls", () => {
  const UPDATE_AGE = 60;
  const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
  const NOW_S = NOW / 1000;
  const findActiveUser = vi.fn();

  async function statelessJwtCallback() {
    vi.resetModules();
    vi.doMock("@/lib/users", () => ({ findActiveUser }));
    vi.stubEnv("AUTH_SESSION_UPDATE_AGE", String(UPDATE_AGE));
    const config = await configFor("jwt");
    const callback = config.callbacks?.jwt;
    if (!callback) throw new Error("no jwt callback");
    // Auth.js types `user` as always present; on every call but sign-in it is absent.
    return async (token: JWT, trigger?: "update") =>
      callback({ token, account: null, ...(trigger ? { trigger } : {}) } as unknown as JwtParams);
  }

  // What Auth.js hands the callback for a plain read (GET /api/auth/session, auth() in a page): no trigger.
  // `iat` is always fresh here: every read re-encodes the token, which is why it cannot be what decides.
  const tokenCheckedAt = (checkedAt: number | undefined) => ({
    sub: "user-1",
    name: "Ada",
    email: "ada@example.test",
    role: "ADMIN" as const,
    authTime: NOW_S - 3600,
    ...(checkedAt === undefined ? {} : { checkedAt }),
    sid: "s",
    iat: NOW_S,
    exp: NOW_S + 600,
    jti: "j",
  });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    findActiveUser.mockReset();
    findActiveUser.mockResolvedValue({ id: "user-1", name: "Ada L.", email: "ada@example.test", role: "USER" });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.doUnmock("@/lib/users");
  });

  it("checked less than the update age ago: no database read, the token's claims stand", async () => {
    const jwt = await statelessJwtCallback();
    const token = tokenCheckedAt(NOW_S - UPDATE_AGE + 1);
    expect(await jwt(token)).toEqual(token);
    expect(findActiveUser).not.toHaveBeenCalled();
  });

  it("checked the update age ago, on a plain read with a fresh iat: the user is read, the new role and checkedAt carried", async () => {
    const jwt = await statelessJwtCallback();
    const token = tokenCheckedAt(NOW_S - UPDATE_AGE);
    expect(await jwt(token)).toEqual({ ...token, name: "Ada L.", role: "USER", checkedAt: NOW_S });
    expect(findActiveUser).toHaveBeenCalledExactlyOnceWith("user-1");
  });

  it("a token without checkedAt (issued before the claim existed) is checked", async () => {
    const jwt = await statelessJwtCallback();
    const token = tokenCheckedAt(undefined);
    expect(await jwt(token)).toMatchObject({ role: "USER", checkedAt: NOW_S });
    expect(findActiveUser).toHaveBeenCalledOnce();
  });

  it("a disabled or deleted user: the session ends when the check is due", async () => {
    findActiveUser.mockResolvedValue(null);
    const jwt = await statelessJwtCallback();
    expect(await jwt(tokenCheckedAt(NOW_S - UPDATE_AGE - 5))).toBeNull();
  });

  it("a session update (a server action's update()) always re-reads the user", async () => {
    findActiveUser.mockResolvedValue(null);
    const jwt = await statelessJwtCallback();
    expect(await jwt(tokenCheckedAt(NOW_S), "update")).toBeNull();
    expect(findActiveUser).toHaveBeenCalledOnce();
  });

  it("a token re-encoded again and again keeps its checkedAt until the next read, then moves it", async () => {
    const jwt = await statelessJwtCallback();
    let token = await jwt(tokenCheckedAt(NOW_S));
    for (let second = 1; second < UPDATE_AGE; second += 1) {
      vi.setSystemTime(NOW + second * 1000);
      token = await jwt({ ...token, iat: NOW_S + second });
      expect(token?.checkedAt).toBe(NOW_S);
    }
    expect(findActiveUser).not.toHaveBeenCalled();
    vi.setSystemTime(NOW + UPDATE_AGE * 1000);
    token = await jwt({ ...token, iat: NOW_S + UPDATE_AGE });
    expect(findActiveUser).toHaveBeenCalledOnce();
    expect(token).toMatchObject({ role: "USER", checkedAt: NOW_S + UPDATE_AGE });
  });
});
