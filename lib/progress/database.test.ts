import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import type { ProgressStore } from "./store";

// Runs against a real SQLite file migrated with the committed migrations.
const dir = mkdtempSync(join(tmpdir(), "auth-modes-progress-"));
const url = `file:${join(dir, "test.db")}`;
let store: ProgressStore;
let user: SessionUser;

const profile = { fullName: "Ada", jobTitle: "", timeZone: "UTC" };

beforeAll(async () => {
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  store = (await import("./database")).databaseProgressStore;
  const { getDb } = await import("@/lib/db");
  user = await getDb().user.create({ data: { email: "ada@example.test", name: "Ada" }, select: { id: true, name: true, email: true, role: true } });
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db");
  await getDb().$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

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
