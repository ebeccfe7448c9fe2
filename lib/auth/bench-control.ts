import "server-only";
import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import type { VerifiedSession } from "./types";

// `npm run bench` compares a signed-in page with the same page rendered without the session check: its
// control. The control exists only on a server the benchmark starts itself, with AUTH_MODES_BENCH_CONTROL
// set to a random value that `npm start` refuses (scripts/start.mjs); a request carrying that value in
// the x-bench-control header skips proxy.ts's check and the page's, and reuses the session the first
// such request checked for the same cookie. Everything else about the page (its queries, its page view,
// its rendering) is the same.

export const BENCH_CONTROL_HEADER = "x-bench-control";

type Checked = { session: VerifiedSession; token: JWT | null };
const CACHE = Symbol.for("auth-modes.bench-control");
const holder = globalThis as { [CACHE]?: Map<string, Checked> };

/** Whether this request is the benchmark's control: only with AUTH_MODES_BENCH_CONTROL set, and only with its exact value. */
export function isBenchControl(headers: Headers): boolean {
  const expected = env.AUTH_MODES_BENCH_CONTROL;
  return Boolean(expected) && headers.get(BENCH_CONTROL_HEADER) === expected;
}

/** The control's session for a cookie: checked once by `check`, then reused without checking. */
export async function benchControlSession(cookieValue: string, check: () => Promise<Checked | null>): Promise<Checked | null> {
  holder[CACHE] ??= new Map();
  const known = holder[CACHE].get(cookieValue);
  if (known) return known;
  const checked = await check();
  if (checked) holder[CACHE].set(cookieValue, checked);
  return checked;
}
