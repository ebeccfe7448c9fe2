import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSignedInPage, SIGNED_IN_PREFIXES } from "./signed-in-pages";

const appFolders = readdirSync("app/(app)", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_") && !entry.name.startsWith("("))
  .map((entry) => `/${entry.name}`)
  .sort();

describe("signed-in pages", () => {
  it("names every folder under app/(app)/, and nothing else", () => {
    expect([...SIGNED_IN_PREFIXES].sort()).toEqual(appFolders);
  });

  it("are all kept out of search indexes by public/robots.txt", () => {
    const disallowed = readFileSync("public/robots.txt", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("Disallow:"))
      .map((line) => line.slice("Disallow:".length).trim());
    for (const prefix of SIGNED_IN_PREFIXES) expect(disallowed, prefix).toContain(prefix);
  });

  it("match a prefix and what is below it, not a longer name", () => {
    expect(isSignedInPage("/admin")).toBe(true);
    expect(isSignedInPage("/admin/users/1")).toBe(true);
    expect(isSignedInPage("/administrator")).toBe(false);
    expect(isSignedInPage("/login")).toBe(false);
    expect(isSignedInPage("/")).toBe(false);
  });
});
