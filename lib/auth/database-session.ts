import "server-only";
import type { Adapter, AdapterAccount, AdapterUser, VerificationToken } from "next-auth/adapters";
import type { JWTEncodeParams } from "next-auth/jwt";
import { recordActivity } from "@/lib/activity/record";
import { getDb } from "@/lib/db";
import type { Account as AccountRow } from "@/lib/generated/prisma/client";
import { createSessionRow, deleteSessionRow, findLiveSession, findSessionRow, insertSessionRow, updateSessionExpiry } from "./session-rows";
import { hashSessionToken } from "./session-token";

// Database sessions with the Credentials provider. Auth.js always ends a credentials sign-in with
// `jwt.encode(token)` and puts the result in the cookie; in database mode that encode creates the
// Session row instead and returns its opaque token.
//
// The adapter is what Auth.js uses for everything else: reading, sliding and deleting that session, and,
// once another provider is added (OAuth, email, passkeys), creating users, accounts, sessions and
// verification tokens. It keeps Auth.js's adapter contract (lib/auth/adapter.contract.test.ts) with the
// app's own rules:
// - Rows store only SHA-256 of a session token. Every session method hashes the token it is handed
//   (through lib/auth/session-rows.ts) and returns the caller's token, never the hash.
// - A user is created or updated with name, email (lower-cased, as lib/forms/auth.ts stores it), image and
//   emailVerified only: a provider's profile can never set a role or re-enable an account.
// - An account stores the columns the schema has; other token fields a provider returns are dropped
//   instead of failing the sign-in.
// - There is no Authenticator table, so the passkey methods are absent: Auth.js refuses a WebAuthn
//   provider at start ("missing adapter methods") instead of failing at sign-in.

const USER_FIELDS = { id: true, name: true, email: true, emailVerified: true, image: true, role: true } as const;

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The user fields a provider may set; anything else it sends (a role, an id) is ignored. */
function profileFields(user: Partial<AdapterUser>) {
  const fields: { name?: string | null; email?: string; emailVerified?: Date | null; image?: string | null } = {};
  if (user.name !== undefined) fields.name = user.name;
  if (user.email !== undefined) fields.email = normaliseEmail(user.email);
  if (user.emailVerified !== undefined) fields.emailVerified = user.emailVerified;
  if (user.image !== undefined) fields.image = user.image;
  return fields;
}

function accountColumns(account: AdapterAccount) {
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    userId: account.userId,
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    refresh_token: text(account.refresh_token),
    access_token: text(account.access_token),
    expires_at: typeof account.expires_at === "number" && Number.isInteger(account.expires_at) ? account.expires_at : null,
    token_type: text(account.token_type),
    scope: text(account.scope),
    id_token: text(account.id_token),
    session_state: text(account.session_state),
  };
}

/** A stored account as Auth.js expects it: absent token fields are left out, not null. */
function toAdapterAccount(row: AccountRow): AdapterAccount {
  const account: AdapterAccount = {
    userId: row.userId,
    type: row.type as AdapterAccount["type"],
    provider: row.provider,
    providerAccountId: row.providerAccountId,
  };
  const optional = {
    refresh_token: row.refresh_token,
    access_token: row.access_token,
    expires_at: row.expires_at,
    token_type: row.token_type,
    scope: row.scope,
    id_token: row.id_token,
    session_state: row.session_state,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== null) Object.assign(account, { [key]: value });
  return account;
}

export function hashedTokenAdapter(): Adapter {
  return {
    // Users.
    async createUser(user) {
      const fields = profileFields(user);
      if (!fields.email) throw new Error("Cannot create a user without an email address");
      return getDb().user.create({ data: { ...fields, email: fields.email }, select: USER_FIELDS });
    },
    async getUser(id) {
      return getDb().user.findUnique({ where: { id }, select: USER_FIELDS });
    },
    async getUserByEmail(email) {
      return getDb().user.findUnique({ where: { email: normaliseEmail(email) }, select: USER_FIELDS });
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await getDb().account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: USER_FIELDS } },
      });
      return account?.user ?? null;
    },
    async updateUser({ id, ...user }) {
      return getDb().user.update({ where: { id }, data: profileFields(user), select: USER_FIELDS });
    },
    async deleteUser(id) {
      const db = getDb();
      const user = await db.user.findUnique({ where: { id }, select: USER_FIELDS });
      if (!user) return null;
      const { count } = await db.user.deleteMany({ where: { id } });
      return count === 1 ? user : null;
    },

    // Accounts.
    async linkAccount(account) {
      return toAdapterAccount(await getDb().account.create({ data: accountColumns(account) }));
    },
    async unlinkAccount({ provider, providerAccountId }) {
      const db = getDb();
      const row = await db.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } } });
      if (!row) return undefined;
      const { count } = await db.account.deleteMany({ where: { provider, providerAccountId } });
      return count === 1 ? toAdapterAccount(row) : undefined;
    },
    async getAccount(providerAccountId, provider) {
      const row = await getDb().account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } } });
      return row ? toAdapterAccount(row) : null;
    },

    // Sessions: every method hashes; everything returned carries the caller's token.
    async createSession({ sessionToken, userId, expires }) {
      await insertSessionRow(sessionToken, userId, expires);
      return { sessionToken, userId, expires };
    },
    async getSessionAndUser(sessionToken) {
      // Expired, past its absolute lifetime or its user disabled: null, and the row is gone.
      const live = await findLiveSession(sessionToken);
      if (!live) return null;
      return { session: { sessionToken, userId: live.session.userId, expires: live.session.expires }, user: live.user };
    },
    // Only the expiry moves; a session never changes hands, whatever `userId` the caller passes.
    async updateSession({ sessionToken, expires }) {
      const row = await updateSessionExpiry(sessionToken, expires);
      return row ? { sessionToken, ...row } : null;
    },
    // Returns what was deleted so that events.signOut can record whose session ended.
    async deleteSession(sessionToken) {
      const row = await findSessionRow(sessionToken);
      if (!row || !(await deleteSessionRow(sessionToken))) return null;
      return { sessionToken, userId: row.userId, expires: row.expires };
    },

    // Verification tokens (Auth.js hands over its own hash of the emailed token).
    async createVerificationToken({ identifier, token, expires }) {
      return getDb().verificationToken.create({
        data: { identifier, token, expires },
        select: { identifier: true, token: true, expires: true },
      });
    },
    // Single use: of two concurrent uses, only the one whose delete removed the row gets it. An expired
    // token is still returned (and deleted): Auth.js checks `expires` itself and shows its own error.
    async useVerificationToken({ identifier, token }): Promise<VerificationToken | null> {
      const db = getDb();
      const row = await db.verificationToken.findUnique({ where: { identifier_token: { identifier, token } } });
      if (!row) return null;
      const { count } = await db.verificationToken.deleteMany({ where: { identifier, token } });
      return count === 1 ? row : null;
    },
  };
}

/** `jwt.encode` for database mode: creates the Session row and returns the cookie value. */
export async function encodeDatabaseSession(params: JWTEncodeParams): Promise<string> {
  const userId = params.token?.sub;
  if (!userId) throw new Error("Cannot create a database session without a user id");
  const token = await createSessionRow(userId);
  await recordActivity({ type: "signin.success", userId, session: { hash: hashSessionToken(token) } });
  return token;
}
