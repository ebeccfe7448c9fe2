import { afterEach, describe, expect, it, vi } from "vitest";

// The benchmark's control page skips the session check: only on a server started with
// AUTH_MODES_BENCH_CONTROL, and only for a request that carries its exact value.

const VALUE = "a-random-bench-control-value-0123456789";

async function load(control?: string) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  if (control) vi.stubEnv("AUTH_MODES_BENCH_CONTROL", control);
  return import("./bench-control");
}

afterEach(() => vi.unstubAllEnvs());

describe("the bench control", () => {
  it("is off on a server started without AUTH_MODES_BENCH_CONTROL, whatever the request says", async () => {
    const { isBenchControl } = await load();
    expect(isBenchControl(new Headers({ "x-bench-control": VALUE }))).toBe(false);
    expect(isBenchControl(new Headers({ "x-bench-control": "" }))).toBe(false);
  });

  it("needs the exact value on a benchmark server", async () => {
    const { isBenchControl } = await load(VALUE);
    expect(isBenchControl(new Headers({ "x-bench-control": VALUE }))).toBe(true);
    expect(isBenchControl(new Headers({ "x-bench-control": `${VALUE}x` }))).toBe(false);
    expect(isBenchControl(new Headers())).toBe(false);
  });

  it("checks a cookie's session once and reuses it; a refused one is checked again", async () => {
    const { benchControlSession } = await load(VALUE);
    const session = {
      session: { user: { id: "u", name: null, email: "u@example.test", role: "USER" as const }, expires: "2030-01-01T00:00:00.000Z" },
      token: null,
    };
    const check = vi.fn().mockResolvedValue(session);
    await benchControlSession(`cookie-${Date.now()}`, check);
    const refused = vi.fn().mockResolvedValue(null);
    const cookie = `other-${Date.now()}`;
    expect(await benchControlSession(cookie, refused)).toBeNull();
    expect(await benchControlSession(cookie, refused)).toBeNull();
    expect(refused).toHaveBeenCalledTimes(2);
    const again = `again-${Date.now()}`;
    await benchControlSession(again, check);
    await benchControlSession(again, check);
    expect(check).toHaveBeenCalledTimes(2);
  });
});
