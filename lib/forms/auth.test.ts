import { describe, expect, it } from "vitest";
import { z } from "zod";
import { changePasswordSchema, loginSchema, registerSchema } from "./auth";

const valid = { name: "Ada", email: "Ada@Example.COM ", password: "long enough", confirmPassword: "long enough" };

function fieldErrors(input: Record<string, string>) {
  const result = registerSchema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe("registerSchema", () => {
  it("trims and lower-cases the email", () => {
    expect(registerSchema.parse(valid).email).toBe("ada@example.com");
  });

  it("gives one specific message per problem", () => {
    expect(fieldErrors({ ...valid, confirmPassword: "different" })).toEqual({ confirmPassword: ["The passwords do not match."] });
    expect(fieldErrors({ ...valid, password: "short", confirmPassword: "short" })).toEqual({ password: ["Use at least 8 characters."] });
    expect(fieldErrors({ ...valid, email: "nope" })).toEqual({ email: ["Enter an email address like name@example.com."] });
    expect(fieldErrors({ ...valid, name: "   " })).toEqual({ name: ["Enter your name."] });
  });

  it("accepts a 64-character passphrase and refuses more than 1024 characters", () => {
    const passphrase = "correct horse battery staple ".repeat(3).slice(0, 64);
    expect(registerSchema.safeParse({ ...valid, password: passphrase, confirmPassword: passphrase }).success).toBe(true);
    const huge = "x".repeat(1025);
    expect(fieldErrors({ ...valid, password: huge, confirmPassword: huge })).toEqual({ password: ["Use at most 1024 characters."] });
  });

  it("refuses the most common passwords whatever their case, and nothing else for composition", () => {
    for (const common of ["password123", "Password123", " QWERTYUIOP ", "iloveyou"]) {
      expect(fieldErrors({ ...valid, password: common, confirmPassword: common }).password?.[0]).toMatch(/most common/);
    }
    // No composition rules: lower-case words only, no digits or symbols, is fine.
    expect(fieldErrors({ ...valid, password: "plain lowercase words", confirmPassword: "plain lowercase words" })).toEqual({});
  });
});

describe("changePasswordSchema", () => {
  it("refuses a common new password", () => {
    const result = changePasswordSchema.safeParse({
      currentPassword: "old one here",
      newPassword: "12345678",
      confirmPassword: "12345678",
      signOutOthers: false,
    });
    expect(result.success).toBe(false);
  });
});

describe("loginSchema", () => {
  it("refuses oversized input before any hashing", () => {
    expect(loginSchema.safeParse({ email: "a@b.co", password: "x".repeat(10_000) }).success).toBe(false);
  });
});
