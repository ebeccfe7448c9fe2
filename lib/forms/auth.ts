import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

// One schema per form, used by the server actions (authoritative) and by the forms for hints.

export const PASSWORD_MIN_LENGTH = 8;
/** Far above any passphrase, far below a payload meant to make hashing expensive. */
export const PASSWORD_MAX_LENGTH = 1024;
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX_LENGTH, `Email addresses are at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((email) => email.toLowerCase());

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((password) => !isCommonPassword(password), {
    message: "This password is one of the most common ones and easy to guess. Try a few unrelated words.",
  });

export const registerSchema = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(NAME_MAX_LENGTH, `Names are at most ${NAME_MAX_LENGTH} characters.`),
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string({ error: "Repeat your password." }).min(1, "Repeat your password."),
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Repeat your new password." }).min(1, "Repeat your new password."),
    signOutOthers: z.boolean(),
  })
  .refine((data) => data.newPassword === data.confirmPassword, {
    path: ["confirmPassword"],
    message: "The new passwords do not match.",
  })
  .refine((data) => data.newPassword !== data.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });
