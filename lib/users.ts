import "server-only";
import { dummyHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/types";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
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

/**
 * Checks an email and password. Unknown email, wrong password and disabled account all return null,
 * and each path performs one bcrypt comparison so the answer takes the same time.
 */
export async function authenticate(input: LoginInput): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { email: input.email },
    select: { ...userDto, disabledAt: true, password: { select: { hash: true } } },
  });
  const hash = user?.password?.hash ?? (await dummyHash(env.AUTH_BCRYPT_COST));
  const matches = await verifyPassword(input.password, hash, env.PASSWORD_PEPPER);
  if (!user?.password || !matches || user.disabledAt) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
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

/** Replaces the password after checking the current one; false when the current one is wrong. */
export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<boolean> {
  const db = getDb();
  const stored = await db.password.findUnique({ where: { userId }, select: { hash: true } });
  const hash = stored?.hash ?? (await dummyHash(env.AUTH_BCRYPT_COST));
  const matches = await verifyPassword(currentPassword, hash, env.PASSWORD_PEPPER);
  if (!stored || !matches) return false;
  const next = await hashPassword(newPassword, { cost: env.AUTH_BCRYPT_COST, pepper: env.PASSWORD_PEPPER });
  await db.password.update({ where: { userId }, data: { hash: next } });
  return true;
}
