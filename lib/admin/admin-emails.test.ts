import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "@/lib/testing/sqlite";

const database = temporaryDatabase("admin-emails", { ADMIN_EMAILS: " Boss@Example.test , ops@example.test" });

beforeAll(() => database.setup(), 60_000);
afterAll(() => database.teardown());

const person = (email: string) => ({ name: "Someone", email, password: "correct horse battery staple" });

describe("registerUser with ADMIN_EMAILS", () => {
  it("makes only the listed addresses admins; being first is not enough", async () => {
    const { registerUser } = await import("@/lib/users");
    expect((await registerUser(person("first@example.test"))).role).toBe("USER");
    expect((await registerUser(person("boss@example.test"))).role).toBe("ADMIN");
    expect((await registerUser(person("ops@example.test"))).role).toBe("ADMIN");
    expect((await registerUser(person("later@example.test"))).role).toBe("USER");
  });
});
