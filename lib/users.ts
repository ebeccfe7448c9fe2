import "server-only";
import { hasActiveAdmin, promoteIfNoActiveAdmin } from "@/lib/admin/roles";
import { dummyHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { rehashIfCostChanged } from "@/lib/auth/rehash";
import { releaseAttempt, reservePasswordCheck, reserveRegistration } from "@/lib/auth/throttle";
import type { SessionUser } from "@/lib/auth/types";
import { getDb } from "@/lib/db";
import { env, isProduction } from "@/lib/env";
import type { LoginInput, RegisterInput } from "@/lib/forms/auth";
import { Prisma } from "@/lib/generated/prisma/client";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
    this.name = "EmailTakenError";
  }
}

const userDto = { id: true, name: true, email: true, role: true } as const;

/** Creates a user with a hashed password. Throws EmailTakenError when the email is registered. */
export async function createUser(input: Pick<RegisterInput, "name" | "email" | "password">): Promise<SessionUser> {
  const hash = await hashPassword(input.password, { cost: env.AUTH_BCRYPT_COST, pepper: env.PASSWORD_PEPPER });
  try {
    return await getDb().user.create({
      data: { name: input.name, email: input.email, password: { create: { hash } } },
      select: userDto,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new EmailTakenError();
    }
    throw error;
  }
}

export type AuthenticateResult =
  { ok: true; user: SessionUser } | { ok: false; reason: "unknown_email" | "wrong_password" | "disabled"; userId: string | null };

/**
 * Checks an email and password. Unknown email, wrong password and disabled account are all refused
 * (the caller shows one message for all three), and each path performs one bcrypt comparison so the
 * answer takes the same time. The reason is for the activity trail only.
 */
export async function authenticate(input: LoginInput): Promise<AuthenticateResult> {
  const user = await getDb().user.findUnique({
    where: { email: input.email },
    select: { ...userDto, disabledAt: true, password: { select: { hash: true } } },
  });
  const hash = user?.password?.hash ?? (await dummyHash(env.AUTH_BCRYPT_COST));
  const matches = await verifyPassword(input.password, hash, env.PASSWORD_PEPPER);
  if (!user?.password) return { ok: false, reason: "unknown_email", userId: user?.id ?? null };
  if (!matches) return { ok: false, reason: "wrong_password", userId: user.id };
  if (user.disabledAt) return { ok: false, reason: "disabled", userId: user.id };
  await rehashIfCostChanged(user.id, input.password, user.password.hash);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
}

/**
 * Registers an account, always as a USER in production: an address someone typed proves nothing, so
 * admins are made on the server (`npm run admin`, or the setup code at /setup). Outside production (a
 * local `next dev`), the first person to register while no active admin exists becomes the admin, as
 * the register page says; of several simultaneous first sign-ups, one wins (lib/admin/roles.ts).
 */
export async function registerUser(input: Pick<RegisterInput, "name" | "email" | "password">): Promise<SessionUser> {
  const user = await createUser(input);
  if (isProduction()) return user;
  return (await promoteIfNoActiveAdmin(user.id)) ? { ...user, role: "ADMIN" } : user;
}

/** Whether registering now would make the new account the admin: outside production, while no active admin exists. */
export async function nextRegistrationBecomesAdmin(): Promise<boolean> {
  return !isProduction() && !(await hasActiveAdmin());
}

export type RegisterResult = { ok: true; user: SessionUser } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * `registerUser` behind the registration throttle: each attempt costs a bcrypt hash whether or not it
 * succeeds, so each one counts against the client IP and the address, reserved before the hash.
 * Throws EmailTakenError like `registerUser`.
 */
export async function registerThrottled(
  input: Pick<RegisterInput, "name" | "email" | "password">,
  ip: string | null,
): Promise<RegisterResult> {
  const reservation = await reserveRegistration({ email: input.email, ip });
  if (!reservation.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  return { ok: true, user: await registerUser(input) };
}

export const DEMO_USER = {
  name: "Demo User",
  email: "demo@example.com",
  password: "demo-password-1234",
} as const;

/** Creates the demo account unless it exists. Returns true when it was created. */
export async function ensureDemoUser(): Promise<boolean> {
  const existing = await getDb().user.findUnique({ where: { email: DEMO_USER.email }, select: { id: true } });
  if (existing) return false;
  try {
    await createUser(DEMO_USER);
    return true;
  } catch (error) {
    if (error instanceof EmailTakenError) return false; // another instance created it first
    throw error;
  }
}

export type ChangePasswordResult =
  | { ok: true }
  /** `attemptsLeft` 0: this was the last wrong password allowed; the caller ends the session. */
  | { ok: false; reason: "wrong_password"; attemptsLeft: number }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Replaces the password after checking the current one. The check is throttled per account like a
 * sign-in: reserved before the compare, kept when the password is wrong, given back when it is right.
 */
export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<ChangePasswordResult> {
  const reservation = await reservePasswordCheck(userId);
  if (!reservation.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  const db = getDb();
  const stored = await db.password.findUnique({ where: { userId }, select: { hash: true } });
  const hash = stored?.hash ?? (await dummyHash(env.AUTH_BCRYPT_COST));
  const matches = await verifyPassword(currentPassword, hash, env.PASSWORD_PEPPER);
  if (!stored || !matches) {
    const attemptsLeft = Math.min(...reservation.held.map((held) => Math.max(0, held.limit - held.count)));
    return { ok: false, reason: "wrong_password", attemptsLeft };
  }
  await releaseAttempt(reservation);
  const next = await hashPassword(newPassword, { cost: env.AUTH_BCRYPT_COST, pepper: env.PASSWORD_PEPPER });
  await db.password.update({ where: { userId }, data: { hash: next } });
  return { ok: true };
}

/** The id of the account with this (normalised) email, or null. */
export async function findUserIdByEmail(email: string): Promise<string | null> {
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  return user?.id ?? null;
}

/** The user's current name, email and role, or null when the account is gone or disabled. */
export async function findActiveUser(userId: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { ...userDto, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}
