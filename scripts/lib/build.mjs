import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { bin, log, run } from "./run.mjs";

// `npm start` builds only when the sources changed since the last build: a fingerprint of every
// file that goes into the build is kept next to it.

const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const STAMP = join(".next", "auth-modes-source-hash");
// Drawn from a build by `npm run flows` (served as they are, not built): redrawing them needs no new build.
const NOT_INPUTS = new Set([join("public", "flows")]);

function walk(path, files, root) {
  if (!existsSync(path) || NOT_INPUTS.has(relative(root, path))) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) walk(join(path, entry), files, root);
  } else {
    files.push(path);
  }
}

export function sourceFingerprint(root = process.cwd()) {
  const files = [];
  for (const input of INPUTS) walk(join(root, input), files, root);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

export function buildIsCurrent() {
  return existsSync(join(".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceFingerprint();
}

/** Builds with `next build` unless the existing build matches the sources. */
export async function ensureBuild({ force = false } = {}) {
  if (!force && buildIsCurrent()) {
    log("production build is up to date");
    return;
  }
  log("building the app (next build); the first build takes a minute or two…");
  const fingerprint = sourceFingerprint();
  const code = await run(bin("next"), ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  writeFileSync(STAMP, fingerprint);
}
