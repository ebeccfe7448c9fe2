import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { temporaryDatabase } from "@/lib/testing/database";
import type { ProgressStore } from "./store";

// Runs against a real database (SQLite, and PostgreSQL in the `postgresql` test project) migrated with the committed migrations.
const database = temporaryDatabase("progress");
let store: ProgressStore;
let user: SessionUser;

const profile = { fullName: "Ada", jobTitle: "", timeZone: "UTC" };

beforeAll(async () => {
  await database.setup();
  store = (await import("./database")).databaseProgressStore;
  const { getDb } = await import("@/lib/db");
  user = await getDb().user.create({
    data: { email: "ada@example.test", name: "Ada" },
    select: { id: true, name: true, email: true, role: true },
  });
}, 60_000);

afterAll(() => database.teardown());

describe("databaseProgressStore", () => {
  it("saves, reloads and merges steps under one formId", async () => {
    const first = await store.saveStep(user, "profile", profile, 0);
    expect(first.ok).toBe(true);
    const second = await store.saveStep(user, "workspace", { workspaceName: "Engines", slug: "engines", teamSize: "1" }, 1);
    expect(second.ok).toBe(true);
    const loaded = await store.load(user);
    expect(loaded?.version).toBe(2);
    expect(loaded?.formId).toBe(first.ok ? first.progress.formId : "");
    expect(Object.keys(loaded?.answers ?? {})).toEqual(["profile", "workspace"]);
  });

  it("lets exactly one of two saves based on the same version win", async () => {
    const version = (await store.load(user))?.version ?? 0;
    const [a, b] = await Promise.all([
      store.saveStep(user, "profile", { ...profile, fullName: "Tab A" }, version),
      store.saveStep(user, "profile", { ...profile, fullName: "Tab B" }, version),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser.ok ? null : loser.error.code).toBe("conflict");
    const winnerName = a.ok ? "Tab A" : "Tab B";
    expect((await store.load(user))?.answers.profile?.fullName).toBe(winnerName);
  });

  it("clears only the form it is told to", async () => {
    const formId = (await store.load(user))?.formId;
    await store.clear(user, "some-other-form");
    expect(await store.load(user)).not.toBeNull();
    await store.clear(user, formId);
    expect(await store.load(user)).toBeNull();
  });
});
