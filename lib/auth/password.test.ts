import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, prehash, verifyPassword } from "./password";
import { passwordThreadStats } from "./password-threads";

const options = { cost: 4, pepper: "" };

describe("password hashing", () => {
  it("produces a $2b$ bcrypt hash that verifies only the same password", async () => {
    const hash = await hashPassword("correct horse battery staple", options);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await verifyPassword("correct horse battery staple", hash, "")).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash, "")).toBe(false);
  });

  it("does not truncate at bcrypt's 72-byte limit", async () => {
    const common = "a".repeat(80);
    const hash = await hashPassword(`${common}-one`, options);
    expect(await verifyPassword(`${common}-one`, hash, "")).toBe(true);
    expect(await verifyPassword(`${common}-two`, hash, "")).toBe(false);
  });

  it("counts multi-byte characters by bytes, not characters, before hashing", async () => {
    const emoji = "🔐".repeat(40); // 160 bytes
    const hash = await hashPassword(emoji, options);
    expect(await verifyPassword(emoji, hash, "")).toBe(true);
    expect(await verifyPassword(`${"🔐".repeat(39)}🔑`, hash, "")).toBe(false);
  });

  it("pre-hashes to 44 base64 characters, well inside bcrypt's input limit", () => {
    expect(prehash("x".repeat(1024), "")).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("binds hashes to the pepper", async () => {
    const hash = await hashPassword("a long enough password", { cost: 4, pepper: "pepper-one" });
    expect(await verifyPassword("a long enough password", hash, "pepper-one")).toBe(true);
    expect(await verifyPassword("a long enough password", hash, "pepper-two")).toBe(false);
  });

  it("asks for a rehash when the stored cost is not the configured one", async () => {
    const hash = await hashPassword("a long enough password", { cost: 5, pepper: "" });
    expect(needsRehash(hash, 5)).toBe(false);
    expect(needsRehash(hash, 4)).toBe(true);
    expect(needsRehash(hash, 12)).toBe(true);
    expect(needsRehash("not a bcrypt hash", 12)).toBe(true);
  });
});

describe("password hashing off the event loop", () => {
  it("runs bcrypt on worker threads, not on the thread that serves requests", async () => {
    const before = passwordThreadStats();
    const hash = await hashPassword("a passphrase for the worker", options);
    const results = await Promise.all([
      verifyPassword("a passphrase for the worker", hash, ""),
      verifyPassword("not the passphrase", hash, ""),
      verifyPassword("a passphrase for the worker", hash, ""),
    ]);
    expect(results).toEqual([true, false, true]);
    const after = passwordThreadStats();
    expect(after.size).toBeGreaterThanOrEqual(1);
    expect(after.onWorkers - before.onWorkers).toBe(4);
    expect(after.onMainThread).toBe(before.onMainThread);
  });
});
