import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/database";
import { generateSessionToken, hashSessionToken } from "./session-token";

// Auth.js's adapter contract (node_modules/@auth/core/adapters.d.ts) for hashedTokenAdapter(), on a real
// database (SQLite, and PostgreSQL in the `postgresql` test project), with the behaviour @auth/core relies on where it calls each method:
// - lib/actions/callback/handle-login.js: every user and account method, createSession, getSessionAndUser
//   and deleteSession, for OAuth, email and passkey sign-ins;
// - lib/actions/session.js: getSessionAndUser, then deleteSession when it returned an expired session,
//   and updateSession once the session is updateAge old;
// - lib/actions/signout.js: deleteSession, whose result goes to events.signOut;
// - lib/actions/signin/send-token.js and callback/index.js: getUserByEmail, createVerificationToken,
//   useVerificationToken (single use; core checks `expires` itself);
// - lib/utils/assert.js: which methods a provider type needs at start.

const MAX_AGE = 600;
const ABSOLUTE = 3600;
const database = temporaryDatabase("adapter", {
  AUTH_SESSION_MAX_AGE: String(MAX_AGE),
  AUTH_SESSION_UPDATE_AGE: "60",
  AUTH_SESSION_ABSOLUTE_MAX_AGE: String(ABSOLUTE),
});

let adapter: Required<Pick<Adapter, CalledMethod>> & Adapter;
let db: Awaited<ReturnType<typeof loadDb>>;

async function loadDb() {
  const { getDb } = await import("@/lib/db");
  return getDb();
}

/** Every method @auth/core calls on an adapter (lib/utils/assert.js lists them per provider type; getAccount is for passkeys). */
const CALLED = [
  "createUser",
  "getUser",
  "getUserByEmail",
  "getUserByAccount",
  "updateUser",
  "linkAccount",
  "createSession",
  "getSessionAndUser",
  "updateSession",
  "deleteSession",
  "createVerificationToken",
  "useVerificationToken",
  "getAccount",
] as const;
type CalledMethod = (typeof CALLED)[number] | "deleteUser" | "unlinkAccount";

beforeAll(async () => {
  await database.setup();
  const { hashedTokenAdapter } = await import("./database-session");
  const built = hashedTokenAdapter();
  for (const name of [...CALLED, "deleteUser", "unlinkAccount"] as const) {
    if (typeof built[name] !== "function") throw new Error(`hashedTokenAdapter() has no ${name}`);
  }
  adapter = built as typeof adapter;
  db = await loadDb();
}, 60_000);
afterAll(() => database.teardown());

let counter = 0;
/** What Auth.js hands createUser after an OAuth or email sign-in: a random id it expects to be replaced. */
function profile(overrides: Partial<AdapterUser> = {}): AdapterUser {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    name: "Grace Hopper",
    email: `grace-${counter}@example.test`,
    emailVerified: null,
    image: "https://img.example.test/grace.png",
    ...overrides,
  };
}

/** What Auth.js hands linkAccount after an OAuth callback: the token endpoint's response plus who and where. */
function oauthAccount(userId: string, overrides: Partial<AdapterAccount> = {}): AdapterAccount {
  counter += 1;
  return {
    userId,
    type: "oidc",
    provider: "example",
    providerAccountId: `remote-${counter}`,
    access_token: "access-token",
    token_type: "bearer",
    id_token: "id.token.value",
    refresh_token: "refresh-token",
    scope: "openid email profile",
    expires_in: 3600,
    expires_at: 1_900_000_000,
    // Fields the schema has no column for, which a provider may send.
    authorization_details: [],
    refresh_token_expires_in: 7200,
    ...overrides,
  };
}

async function newUser(overrides: Partial<AdapterUser> = {}) {
  return adapter.createUser(profile(overrides));
}

async function storedSession(token: string) {
  return db.session.findUnique({ where: { sessionToken: hashSessionToken(token) } });
}

describe("hashedTokenAdapter: the methods Auth.js calls", () => {
  it("has every method @auth/core calls, and no passkey method it could not back (no Authenticator table)", () => {
    for (const name of CALLED) expect(typeof adapter[name], name).toBe("function");
    for (const name of ["createAuthenticator", "getAuthenticator", "listAuthenticatorsByUserId", "updateAuthenticatorCounter"] as const) {
      expect(adapter[name], name).toBeUndefined();
    }
  });
});

describe("users", () => {
  it("createUser returns the stored user with its own id, and the email lower-cased as the app stores it", async () => {
    const input = profile({ email: "Grace.MIXED@Example.TEST", emailVerified: new Date("2030-01-01T00:00:00Z") });
    const user = await adapter.createUser(input);
    expect(user).toEqual({
      id: expect.any(String),
      name: "Grace Hopper",
      email: "grace.mixed@example.test",
      emailVerified: new Date("2030-01-01T00:00:00Z"),
      image: input.image,
      role: "USER",
    });
    expect(user.id).not.toBe(input.id);
    expect(await adapter.getUser(user.id)).toEqual(user);
  });

  it("createUser never takes a role or a disabled state from a provider's profile", async () => {
    const user = await adapter.createUser({ ...profile(), role: "ADMIN", disabledAt: null } as AdapterUser);
    expect(user.role).toBe("USER");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([stored.role, stored.disabledAt]).toEqual(["USER", null]);
  });

  it("createUser refuses an email that is already registered (Auth.js links accounts by looking the email up first)", async () => {
    const user = await newUser();
    await expect(adapter.createUser(profile({ email: user.email }))).rejects.toThrow();
  });

  it("getUser and getUserByEmail return the user, or null when there is none", async () => {
    const user = await newUser();
    expect(await adapter.getUser(user.id)).toEqual(user);
    expect(await adapter.getUser("no-such-id")).toBeNull();
    expect(await adapter.getUserByEmail(user.email)).toEqual(user);
    expect(await adapter.getUserByEmail(user.email.toUpperCase())).toEqual(user);
    expect(await adapter.getUserByEmail("nobody@example.test")).toBeNull();
  });

  it("updateUser returns the whole updated user (Auth.js sets emailVerified after an email sign-in), and never changes a role", async () => {
    const user = await newUser();
    const verified = new Date("2031-05-06T07:08:09Z");
    const updated = await adapter.updateUser({ id: user.id, emailVerified: verified, role: "ADMIN" } as Partial<AdapterUser> & {
      id: string;
    });
    expect(updated).toEqual({ ...user, emailVerified: verified });
    await expect(adapter.updateUser({ id: "no-such-id", name: "x" })).rejects.toThrow();
  });

  it("deleteUser returns the deleted user and takes its accounts and sessions with it; null when there is none", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    await adapter.linkAccount(account);
    const token = generateSessionToken();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 60_000) });
    expect(await adapter.deleteUser(user.id)).toEqual(user);
    expect(await adapter.getUser(user.id)).toBeNull();
    expect(await adapter.getUserByAccount(account)).toBeNull();
    expect(await adapter.getSessionAndUser(token)).toBeNull();
    expect(await adapter.deleteUser(user.id)).toBeNull();
  });
});

describe("accounts", () => {
  it("linkAccount stores the account (token fields the schema has no column for are dropped, not an error) and returns it", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    const linked = await adapter.linkAccount(account);
    const expected = {
      userId: user.id,
      type: "oidc",
      provider: "example",
      providerAccountId: account.providerAccountId,
      access_token: "access-token",
      token_type: "bearer",
      id_token: "id.token.value",
      refresh_token: "refresh-token",
      scope: "openid email profile",
      expires_at: 1_900_000_000,
    };
    expect(linked).toEqual(expected);
    expect(await adapter.getAccount(account.providerAccountId, "example")).toEqual(expected);
  });

  it("an email sign-in's account (no tokens) links too, and its absent token fields stay absent, not null", async () => {
    const user = await newUser();
    const linked = await adapter.linkAccount({ userId: user.id, type: "email", provider: "nodemailer", providerAccountId: user.email });
    expect(linked).toEqual({ userId: user.id, type: "email", provider: "nodemailer", providerAccountId: user.email });
  });

  it("getUserByAccount finds the user by provider and provider account id; null for an unknown or another provider's account", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    expect(await adapter.getUserByAccount(account)).toBeNull();
    await adapter.linkAccount(account);
    expect(await adapter.getUserByAccount({ provider: "example", providerAccountId: account.providerAccountId })).toEqual(user);
    expect(await adapter.getUserByAccount({ provider: "other", providerAccountId: account.providerAccountId })).toBeNull();
    expect(await adapter.getAccount("no-such-account", "example")).toBeNull();
  });

  it("one provider account belongs to one user: linking it to a second user is refused", async () => {
    const [first, second] = [await newUser(), await newUser()];
    const account = oauthAccount(first.id);
    await adapter.linkAccount(account);
    await expect(adapter.linkAccount({ ...account, userId: second.id })).rejects.toThrow();
    expect(await adapter.getUserByAccount(account)).toEqual(first);
  });

  it("unlinkAccount returns the removed account, after which it finds no user; undefined when there was none", async () => {
    const user = await newUser();
    const account = oauthAccount(user.id);
    const linked = await adapter.linkAccount(account);
    expect(await adapter.unlinkAccount(account)).toEqual(linked);
    expect(await adapter.getUserByAccount(account)).toBeNull();
    expect(await adapter.unlinkAccount(account)).toBeUndefined();
  });
});

describe("sessions: stored hashed, always answered with the caller's token", () => {
  let user: AdapterUser;
  beforeEach(async () => {
    user = await newUser();
  });
  const inAMinute = () => new Date(Date.now() + 60_000);

  it("createSession stores SHA-256 of the token, never the token, and returns exactly what it was given", async () => {
    const token = generateSessionToken();
    const expires = inAMinute();
    expect(await adapter.createSession({ sessionToken: token, userId: user.id, expires })).toEqual({
      sessionToken: token,
      userId: user.id,
      expires,
    });
    expect(await db.session.count({ where: { sessionToken: token } })).toBe(0);
    expect(await storedSession(token)).toMatchObject({ userId: user.id, expires });
  });

  it("a session created through the adapter is found by its token, with the caller's token and the user", async () => {
    const token = generateSessionToken();
    // Fresh (not yet updateAge old), so the read does not slide it.
    const expires = new Date(Date.now() + MAX_AGE * 1000);
    await adapter.createSession({ sessionToken: token, userId: user.id, expires });
    const found = await adapter.getSessionAndUser(token);
    expect(found).toEqual({ session: { sessionToken: token, userId: user.id, expires }, user });
    expect(JSON.stringify(found)).not.toContain(hashSessionToken(token));
  });

  it("getSessionAndUser returns null for an unknown token and for the stored hash itself (a database leak gives no session)", async () => {
    const token = generateSessionToken();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: inAMinute() });
    expect(await adapter.getSessionAndUser(generateSessionToken())).toBeNull();
    expect(await adapter.getSessionAndUser(hashSessionToken(token))).toBeNull();
  });

  it("distinct tokens make distinct sessions; a token used twice is refused, never merged", async () => {
    const [first, second] = [generateSessionToken(), generateSessionToken()];
    await adapter.createSession({ sessionToken: first, userId: user.id, expires: inAMinute() });
    await adapter.createSession({ sessionToken: second, userId: user.id, expires: inAMinute() });
    expect((await adapter.getSessionAndUser(first))?.session.sessionToken).toBe(first);
    expect((await adapter.getSessionAndUser(second))?.session.sessionToken).toBe(second);
    await expect(adapter.createSession({ sessionToken: first, userId: user.id, expires: inAMinute() })).rejects.toThrow();
  });

  it("an expired session is not returned and is deleted; Auth.js's own deleteSession afterwards finds nothing and does not throw", async () => {
    const token = generateSessionToken();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() - 1_000) });
    expect(await adapter.getSessionAndUser(token)).toBeNull();
    expect(await storedSession(token)).toBeNull();
    expect(await adapter.deleteSession(token)).toBeNull();
  });

  it("a session past its absolute lifetime, or of a disabled user, is not returned", async () => {
    const old = generateSessionToken();
    await adapter.createSession({ sessionToken: old, userId: user.id, expires: inAMinute() });
    await db.session.update({
      where: { sessionToken: hashSessionToken(old) },
      data: { createdAt: new Date(Date.now() - (ABSOLUTE + 1) * 1000) },
    });
    expect(await adapter.getSessionAndUser(old)).toBeNull();

    const token = generateSessionToken();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: inAMinute() });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await adapter.getSessionAndUser(token)).toBeNull();
  });

  it("updateSession moves the stored expiry and returns the session with the caller's token; null for an unknown token", async () => {
    const token = generateSessionToken();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: inAMinute() });
    const later = new Date(Date.now() + MAX_AGE * 1000);
    expect(await adapter.updateSession({ sessionToken: token, expires: later })).toEqual({
      sessionToken: token,
      userId: user.id,
      expires: later,
    });
    expect((await storedSession(token))?.expires).toEqual(later);
    expect(await adapter.updateSession({ sessionToken: generateSessionToken(), expires: later })).toBeNull();
  });

  it("updateSession never moves the expiry past the absolute lifetime, nor the session to another user", async () => {
    const other = await newUser();
    const token = generateSessionToken();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: inAMinute() });
    const createdAt = (await storedSession(token))?.createdAt ?? new Date(0);
    const updated = await adapter.updateSession({
      sessionToken: token,
      userId: other.id,
      expires: new Date(createdAt.getTime() + (ABSOLUTE + 600) * 1000),
    });
    expect(updated).toEqual({ sessionToken: token, userId: user.id, expires: new Date(createdAt.getTime() + ABSOLUTE * 1000) });
    expect(await storedSession(token)).toMatchObject({ userId: user.id, expires: new Date(createdAt.getTime() + ABSOLUTE * 1000) });
  });

  it("deleteSession returns the deleted session with the caller's token (events.signOut reads it), then null", async () => {
    const token = generateSessionToken();
    const expires = inAMinute();
    await adapter.createSession({ sessionToken: token, userId: user.id, expires });
    expect(await adapter.deleteSession(token)).toEqual({ sessionToken: token, userId: user.id, expires });
    expect(await adapter.getSessionAndUser(token)).toBeNull();
    expect(await storedSession(token)).toBeNull();
    expect(await adapter.deleteSession(token)).toBeNull();
  });
});

describe("verification tokens", () => {
  const identifier = "ver@example.test";

  it("createVerificationToken returns what it stored; useVerificationToken returns it once, then null", async () => {
    const input = { identifier, token: "hashed-token-1", expires: new Date(Date.now() + 60_000) };
    expect(await adapter.createVerificationToken(input)).toEqual(input);
    expect(await adapter.useVerificationToken({ identifier, token: "hashed-token-1" })).toEqual(input);
    expect(await adapter.useVerificationToken({ identifier, token: "hashed-token-1" })).toBeNull();
  });

  it("useVerificationToken needs both the identifier and the token", async () => {
    await adapter.createVerificationToken({ identifier, token: "hashed-token-2", expires: new Date(Date.now() + 60_000) });
    expect(await adapter.useVerificationToken({ identifier: "other@example.test", token: "hashed-token-2" })).toBeNull();
    expect(await adapter.useVerificationToken({ identifier, token: "hashed-token-x" })).toBeNull();
  });

  it("an expired token is returned with its expiry (core refuses it) and is used up", async () => {
    const expired = { identifier, token: "hashed-token-3", expires: new Date(Date.now() - 1_000) };
    await adapter.createVerificationToken(expired);
    expect(await adapter.useVerificationToken({ identifier, token: "hashed-token-3" })).toEqual(expired);
    expect(await adapter.useVerificationToken({ identifier, token: "hashed-token-3" })).toBeNull();
  });

  it("of parallel uses of one token, exactly one gets it", async () => {
    await adapter.createVerificationToken({ identifier, token: "hashed-token-4", expires: new Date(Date.now() + 60_000) });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => adapter.useVerificationToken({ identifier, token: "hashed-token-4" })),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });
});

describe("through @auth/core", () => {
  it("its session endpoint finds a session the adapter created (as an OAuth or email sign-in would), slides it, and sign-out deletes it", async () => {
    const { Auth } = await import("@auth/core");
    const { default: Credentials } = await import("@auth/core/providers/credentials");
    const user = await newUser();
    const token = generateSessionToken();
    // Due for an update (updateAge 0), so core calls updateSession too.
    await adapter.createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 60_000) });
    const config = {
      adapter,
      providers: [Credentials({ credentials: {}, authorize: () => null })],
      // strategy left unset, as lib/auth/config.ts does: with an adapter it is "database".
      session: { maxAge: MAX_AGE, updateAge: 0 },
      secret: "a-test-secret-that-is-long-enough-0123456789",
      basePath: "/api/auth",
      trustHost: true,
      callbacks: {
        session: ({ session, user: who }: { session: { expires: string }; user: AdapterUser }) => ({
          expires: session.expires,
          user: { email: who.email },
        }),
      },
    };
    const cookie = `authjs.session-token=${token}`;
    const response = await Auth(new Request("http://localhost/api/auth/session", { headers: { cookie } }), config);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ expires: expect.any(String), user: { email: user.email } });
    expect(response.headers.getSetCookie().join("\n")).toContain(cookie);
    const slid = (await storedSession(token))?.expires.getTime() ?? 0;
    expect(slid).toBeGreaterThan(Date.now() + (MAX_AGE - 60) * 1000);

    // Sign-out: the CSRF token from core's endpoint, then the POST.
    const csrfResponse = await Auth(new Request("http://localhost/api/auth/csrf", { headers: { cookie } }), config);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const csrfCookie = csrfResponse.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const signOut = await Auth(
      new Request("http://localhost/api/auth/signout", {
        method: "POST",
        headers: { cookie: `${cookie}; ${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken }),
      }),
      config,
    );
    expect(signOut.status).toBe(302);
    expect(await storedSession(token)).toBeNull();
  });
});
