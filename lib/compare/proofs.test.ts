import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allProofs } from "./comparison";

// /compare names, for each row, the test or benchmark that proves it: every one must exist — the spec
// file with a test of exactly that title, the document with a heading of that anchor.

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

describe("the comparison's proofs", () => {
  it.each(allProofs().map((proof) => [`${proof.path}${proof.test ? ` › ${proof.test}` : ""}`, proof] as const))("%s exists", (_, proof) => {
    const [file, anchor] = proof.path.split("#");
    expect(existsSync(file ?? ""), file).toBe(true);
    const text = readFileSync(file ?? "", "utf8");
    if (proof.test) expect(text).toContain(`test(${JSON.stringify(proof.test)}`);
    if (anchor) {
      const headings = [...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1] ?? ""));
      expect(headings).toContain(anchor);
    }
  });
});
