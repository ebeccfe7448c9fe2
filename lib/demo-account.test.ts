import { describe, expect, it } from "vitest";
import { demoAccountHint } from "./demo-account";
import { parseEnv } from "./env";
import { DEMO_USER } from "./users";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const PRODUCTION = { NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_URL: "https://app.example.com" };

describe("demoAccountHint (what the sign-in page prints)", () => {
  it("shows the demo account's email and password in development while it is seeded", () => {
    expect(demoAccountHint(parseEnv({ NODE_ENV: "development", AUTH_SECRET: SECRET }))).toEqual({
      email: DEMO_USER.email,
      password: DEMO_USER.password,
    });
    expect(demoAccountHint(parseEnv({ NODE_ENV: "development", AUTH_SECRET: SECRET, SEED_DEMO_USER: "false" }))).toBeNull();
  });

  it("never prints the password in production, not even when SEED_DEMO_USER=force seeds the account", () => {
    const forced = parseEnv({ ...PRODUCTION, SEED_DEMO_USER: "force" });
    expect(forced.SEED_DEMO_USER).toBe(true);
    expect(demoAccountHint(forced)).toBeNull();
    expect(demoAccountHint(parseEnv(PRODUCTION))).toBeNull();
  });
});
