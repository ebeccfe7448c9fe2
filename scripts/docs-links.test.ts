import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// Every relative link in the repository's Markdown files resolves to a file or folder that exists, and
// every #anchor to a heading in its target file.

const markdownFiles = execFileSync("git", ["ls-files", "*.md"], { encoding: "utf8" }).split("\n").filter(Boolean);
const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;

function anchorsOf(file: string): Set<string> {
  const headings = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) =>
      line
        .replace(/^#+ /, "")
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    );
  return new Set(headings);
}

describe("Markdown links", () => {
  it("finds the Markdown files", () => {
    expect(markdownFiles).toContain("README.md");
  });

  for (const file of markdownFiles) {
    it(`every relative link in ${file} resolves`, () => {
      const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      const broken: string[] = [];
      for (const [, target = ""] of text.matchAll(LINK)) {
        if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
        const [path = "", anchor] = target.split("#");
        const resolved = path ? join(dirname(file), path) : file;
        if (!existsSync(resolved)) broken.push(`${target} (no ${resolved})`);
        else if (anchor && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor)) broken.push(`${target} (no heading #${anchor})`);
      }
      expect(broken).toEqual([]);
    });
  }
});
