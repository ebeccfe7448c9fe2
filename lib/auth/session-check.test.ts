import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";

// The read path (lib/auth/session-check.ts) and Auth.js's session action, side by side, in each mode:
// every cookie below is made twice, identically (two sessions of the same kind, so that neither side's
// writes — a slide, a deleted row — decide the other's answer), one copy checked by Auth.js (the route
// every auth() call took before the read path), the other by the read path. Both must accept the same
// sessions with the same user, and refuse the same ones.

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const OTHER_SECRET = "another-secret-that-is-long-enough-9876543210";
const MAX_AGE = 600;
const UPDATE_AGE = 60;
const ABSOLUTE = 3600;
const NAME = "authjs.session-token";
const database = temporaryDatabase("session-check", {
  AUTH_SESSION_MAX_AGE: String(MAX_AGE),
  AUTH_SESSION_UPDATE_AGE: String(UPDATE_AGE),
  AUTH_SESSION_ABSOLUTE_MAX_AGE: String(ABSOLUTE),
});

beforeAll(() => database.setup(), 60_000);
// Auth.js logs every refused token; the verdicts are what is checked.
beforeEach(() => vi.spyOn(console, "error").mockImplementation(() => {}));
afterAll(() => database.teardown());

type Mode = { AUTH_SESSION_STRATEGY: "database" | "jwt"; AUTH_JWT_REVOCATION?: "sid" | "version" | "off" };

async function load(mode: Mode, secrets: Record<string, string> = {}) {
  vi.resetModules();
  vi.stubEnv("AUTH_SESSION_STRATEGY", mode.AUTH_SESSION_STRATEGY);
  vi.stubEnv("AUTH_JWT_REVOCATION", mode.AUTH_JWT_REVOCATION ?? "sid");
  vi.stubEnv("AUTH_SECRET", SECRET);
  for (const [key, value] of Object.entries(secrets)) vi.stubEnv(key, value);
  const [{ Auth }, { buildAuthConfig }, check, rows, jwt, { getDb }] = await Promise.all([
    import("@auth/core"),
    import("./config"),
    import("./session-check"),
    import("./session-rows"),
    import("./jwt"),
    import("@/lib/db"),
  ]);
  const config = { ...buildAuthConfig(), basePath: "/api/auth" };
  const viaAuthJs = async (cookie: string) => {
    const response = await Auth(new Request("http://localhost/api/auth/session", { headers: cookie ? { cookie } : {} }), config);
    const body = (await response.json()) as { user?: { id?: string; name?: string | null; email?: string; role?: string } } | null;
    return body?.user?.id ? { id: body.user.id, name: body.user.name, email: body.user.email, role: body.user.role } : null;
  };
  const viaReadPath = async (cookie: string) => {
    const result = await check.checkSessionCookie(await check.sessionCookieFromHeader(cookie || null));
    return result.session ? { ...result.session.user } : null;
  };
  return { viaAuthJs, viaReadPath, rows, jwt, db: getDb() };
}

type Loaded = Awaited<ReturnType<typeof load>>;
const now = () => Math.floor(Date.now() / 1000);
let counter = 0;

async function newUser(db: Loaded["db"]) {
  counter += 1;
  const user = await db.user.create({ data: { email: `check-${counter}-${Date.now()}@example.test`, name: `User ${counter}` } });
  lastUser = user;
  return user;
}

/** The user each copy was made for, so that a verdict can be compared across two copies. */
let lastUser: { id: string; name: string | null; email: string } | null = null;

/** What a side answered, relative to the user its copy was made for: null, or that user (and only that user) with a role. */
function verdict(answer: { id: string; name?: string | null; email?: string; role?: string } | null, user: typeof lastUser) {
  if (!answer) return null;
  const same = user !== null && answer.id === user.id && answer.email === user.email && answer.name === user.name;
  return { user: same ? "the copy's user" : "someone else", role: answer.role };
}

/** Runs one case: the cookie made twice, each side checks its own copy; the verdicts must match. */
async function sideBySide(loaded: Loaded, make: () => Promise<string>) {
  lastUser = null;
  const forAuthJs = await make();
  const theirUser = lastUser;
  lastUser = null;
  const forReadPath = await make();
  const ourUser = lastUser;
  const theirs = verdict(await loaded.viaAuthJs(forAuthJs), theirUser);
  const ours = verdict(await loaded.viaReadPath(forReadPath), ourUser);
  expect(ours).toEqual(theirs);
  return ours;
}

function chunked(value: string): string {
  const middle = Math.floor(value.length / 2);
  return `${NAME}.1=${value.slice(middle)}; other=1; ${NAME}.0=${value.slice(0, middle)}`;
}

function flipMiddle(token: string): string {
  const parts = token.split(".");
  const ciphertext = parts[3] ?? "";
  const i = Math.floor(ciphertext.length / 2);
  parts[3] = `${ciphertext.slice(0, i)}${ciphertext[i] === "A" ? "B" : "A"}${ciphertext.slice(i + 1)}`;
  return parts.join(".");
}

// Each case runs Auth.js and several queries: generous on a shared, loaded machine.
vi.setConfig({ testTimeout: 60_000 });

describe("database mode", () => {
  const mode: Mode = { AUTH_SESSION_STRATEGY: "database" };
  const session = async (loaded: Loaded, change?: (id: string, userId: string) => Promise<unknown>) => {
    const user = await newUser(loaded.db);
    const token = await loaded.rows.createSessionRow(user.id);
    const row = await loaded.db.session.findFirstOrThrow({ where: { userId: user.id } });
    await change?.(row.id, user.id);
    return token;
  };

  it("accepts a live session with its user, and refuses no cookie or an unknown token", async () => {
    const loaded = await load(mode);
    expect(await sideBySide(loaded, async () => `${NAME}=${await session(loaded)}`)).toEqual({ user: "the copy's user", role: "USER" });
    expect(await sideBySide(loaded, async () => "")).toBeNull();
    expect(await sideBySide(loaded, async () => `${NAME}=not-a-session`)).toBeNull();
  });

  it("refuses past the idle expiry, past the absolute lifetime, after revocation and for a disabled user", async () => {
    const loaded = await load(mode);
    const { db } = loaded;
    expect(
      await sideBySide(
        loaded,
        async () =>
          `${NAME}=${await session(loaded, (id) => db.session.update({ where: { id }, data: { expires: new Date(Date.now() - 1000) } }))}`,
      ),
    ).toBeNull();
    expect(
      await sideBySide(
        loaded,
        async () =>
          `${NAME}=${await session(loaded, (id) => db.session.update({ where: { id }, data: { createdAt: new Date(Date.now() - (ABSOLUTE + 1) * 1000) } }))}`,
      ),
    ).toBeNull();
    expect(
      await sideBySide(loaded, async () => `${NAME}=${await session(loaded, (id) => db.session.delete({ where: { id } }))}`),
    ).toBeNull();
    expect(
      await sideBySide(
        loaded,
        async () =>
          `${NAME}=${await session(loaded, (_, userId) => db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } }))}`,
      ),
    ).toBeNull();
  });

  it("reads a role change at once, and slides the expiry once the update age has passed", async () => {
    const loaded = await load(mode);
    const { db } = loaded;
    expect(
      await sideBySide(
        loaded,
        async () => `${NAME}=${await session(loaded, (_, userId) => db.user.update({ where: { id: userId }, data: { role: "ADMIN" } }))}`,
      ),
    ).toMatchObject({ role: "ADMIN" });
    const user = await newUser(db);
    const token = await loaded.rows.createSessionRow(user.id);
    const old = new Date(Date.now() + (MAX_AGE - UPDATE_AGE - 5) * 1000);
    await db.session.updateMany({ where: { userId: user.id }, data: { expires: old } });
    const { checkSessionCookie } = await import("./session-check");
    const first = await checkSessionCookie(token);
    expect(first).toMatchObject({ slid: true, renewCookie: true });
    expect(new Date(first.session?.expires ?? 0).getTime()).toBeGreaterThan(old.getTime());
    expect((await checkSessionCookie(token)).slid, "at most once per update age").toBe(false);
    expect((await checkSessionCookie(token)).renewCookie, "the cookie is renewed on every page load all the same").toBe(true);
  });
});

describe.each([
  ["jwt mode with the sid registry", { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" } as Mode],
  ["jwt mode with a token version", { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "version" } as Mode],
  ["stateless jwt mode", { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" } as Mode],
])("%s", (_, mode) => {
  const stateless = mode.AUTH_JWT_REVOCATION === "off";
  const versioned = mode.AUTH_JWT_REVOCATION === "version";
  /** A token as sign-in issues it (lib/auth/jwt-callback.ts), with claims and the database changed as asked. */
  const token = async (
    loaded: Loaded,
    options: {
      claims?: Record<string, unknown>;
      maxAge?: number;
      secret?: string;
      change?: (userId: string, sid: string) => Promise<unknown>;
    } = {},
  ) => {
    const user = await newUser(loaded.db);
    // A token version has no row per sign-in: its sid only groups activity events.
    const sid = versioned ? "a-sid-with-no-row" : await loaded.rows.createSessionRow(user.id);
    const claims = {
      sub: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      authTime: now(),
      checkedAt: now(),
      sid,
      ...(versioned ? { ver: user.tokenVersion } : {}),
      ...options.claims,
    };
    await options.change?.(user.id, sid);
    const { encodeJwe } = await import("./jwe");
    return encodeJwe({ token: claims, secrets: [options.secret ?? SECRET], salt: NAME, maxAge: options.maxAge ?? MAX_AGE });
  };

  it("accepts a token as issued, whole or in chunks, and refuses none, garbage and a tampered one", async () => {
    const loaded = await load(mode);
    expect(await sideBySide(loaded, async () => `${NAME}=${await token(loaded)}`)).toMatchObject({ role: "USER" });
    expect(await sideBySide(loaded, async () => chunked(await token(loaded)))).toMatchObject({ role: "USER" });
    expect(await sideBySide(loaded, async () => "")).toBeNull();
    expect(await sideBySide(loaded, async () => `${NAME}=garbage`)).toBeNull();
    expect(await sideBySide(loaded, async () => `${NAME}=${flipMiddle(await token(loaded))}`)).toBeNull();
  });

  it("refuses an expired token and one past the absolute lifetime", async () => {
    const loaded = await load(mode);
    expect(await sideBySide(loaded, async () => `${NAME}=${await token(loaded, { maxAge: -60 })}`)).toBeNull();
    expect(
      await sideBySide(loaded, async () => `${NAME}=${await token(loaded, { maxAge: -5 })}`),
      "expired, inside jose's tolerance",
    ).toBeNull();
    expect(
      await sideBySide(loaded, async () => `${NAME}=${await token(loaded, { claims: { authTime: now() - ABSOLUTE - 1 } })}`),
    ).toBeNull();
  });

  it("follows secret rotation: the old secret's tokens while it is listed, none once it goes", async () => {
    const rotating = await load(mode, { AUTH_SECRET_1: OTHER_SECRET });
    expect(await sideBySide(rotating, async () => `${NAME}=${await token(rotating, { secret: SECRET })}`)).toMatchObject({ role: "USER" });
    const rotated = await load(mode, { AUTH_SECRET: OTHER_SECRET });
    expect(await sideBySide(rotated, async () => `${NAME}=${await token(rotated, { secret: SECRET })}`)).toBeNull();
  });

  it(
    stateless
      ? "keeps a revoked token and the old role until the update age, then reads the user"
      : "refuses a revoked token and reads a role change at once",
    async () => {
      const loaded = await load(mode);
      const { db } = loaded;
      // Revoked: the registry row deleted (sid), the user's token version bumped (version; as sign out everywhere does).
      const revoke = versioned
        ? (userId: string) => db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } })
        : (_: string, sid: string) => loaded.rows.deleteSessionRow(sid);
      const revoked = await sideBySide(loaded, async () => `${NAME}=${await token(loaded, { change: revoke })}`);
      const promoted = await sideBySide(
        loaded,
        async () =>
          `${NAME}=${await token(loaded, { change: (userId) => db.user.update({ where: { id: userId }, data: { role: "ADMIN" } }) })}`,
      );
      if (stateless) {
        expect(revoked).toMatchObject({ role: "USER" });
        expect(promoted).toMatchObject({ role: "USER" });
        const due = { claims: { checkedAt: now() - UPDATE_AGE } };
        expect(
          await sideBySide(
            loaded,
            async () =>
              `${NAME}=${await token(loaded, { ...due, change: (userId) => db.user.update({ where: { id: userId }, data: { role: "ADMIN" } }) })}`,
          ),
        ).toMatchObject({ role: "ADMIN" });
        expect(
          await sideBySide(
            loaded,
            async () =>
              `${NAME}=${await token(loaded, { ...due, change: (userId) => db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } }) })}`,
          ),
        ).toBeNull();
      } else {
        expect(revoked).toBeNull();
        expect(promoted).toMatchObject({ role: "ADMIN" });
        expect(
          await sideBySide(
            loaded,
            async () =>
              `${NAME}=${await token(loaded, { change: (userId) => db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } }) })}`,
          ),
        ).toBeNull();
      }
    },
  );

  it("leaves a token due for re-issue to Auth.js when asked to (proxy.ts)", async () => {
    const loaded = await load(mode);
    const { checkSessionCookie } = await import("./session-check");
    const due = await checkSessionCookie(await token(loaded, { claims: { checkedAt: now() - UPDATE_AGE } }), { deferReissue: true });
    expect(due).toMatchObject({ reissueDue: true, session: null });
    expect((await checkSessionCookie(await token(loaded), { deferReissue: true })).session).not.toBeNull();
  });
});

describe("jwt mode with a token version: the version itself", () => {
  const mode: Mode = { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "version" };
  const claimsOf = (user: { id: string; name: string | null; email: string }, extra: Record<string, unknown>) => ({
    sub: user.id,
    name: user.name,
    email: user.email,
    role: "USER" as const,
    authTime: now(),
    checkedAt: now(),
    sid: "a-sid-with-no-row",
    ...extra,
  });
  const encode = async (claims: Record<string, unknown>) => {
    const { encodeJwe } = await import("./jwe");
    return encodeJwe({ token: claims, secrets: [SECRET], salt: NAME, maxAge: MAX_AGE });
  };

  it("accepts only the user's current version: not an older one, a newer one, or none", async () => {
    const loaded = await load(mode);
    const { db } = loaded;
    const bumped = async () => {
      const user = await newUser(db);
      return db.user.update({ where: { id: user.id }, data: { tokenVersion: 3 } });
    };
    expect(await sideBySide(loaded, async () => `${NAME}=${await encode(claimsOf(await bumped(), { ver: 3 }))}`)).toMatchObject({
      role: "USER",
    });
    for (const ver of [2, 4, undefined, "3"]) {
      expect(await sideBySide(loaded, async () => `${NAME}=${await encode(claimsOf(await bumped(), { ver }))}`), String(ver)).toBeNull();
    }
  });

  it("a rotation asked for by a server action bumps the version and re-issues this token with it; every older token ends", async () => {
    const loaded = await load(mode);
    const { db } = loaded;
    const user = await newUser(db);
    const [{ jwtCallback }, { runVersionRotation }] = await Promise.all([import("./jwt-callback"), import("./token-version")]);
    const claims = claimsOf(user, { ver: 0 });
    let reissued: Awaited<ReturnType<typeof jwtCallback>> = null;
    const rotated = await runVersionRotation(async () => {
      reissued = await jwtCallback({ token: claims, trigger: "update" });
    });
    expect(rotated).toBe(true);
    expect(reissued).toMatchObject({ sub: user.id, ver: 1 });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).tokenVersion).toBe(1);
    expect(await loaded.viaReadPath(`${NAME}=${await encode(claims)}`), "the token from before the bump").toBeNull();
    expect(await loaded.viaReadPath(`${NAME}=${await encode({ ...claims, ver: 1 })}`)).toMatchObject({ id: user.id });
    // A posted update (no server action asking) never bumps.
    expect(await jwtCallback({ token: { ...claims, ver: 1 }, trigger: "update" })).toMatchObject({ ver: 1 });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).tokenVersion).toBe(1);
  });
});
