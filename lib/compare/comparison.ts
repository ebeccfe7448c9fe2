import { COMPARISON_ROWS, MODE_TRAITS, type ComparisonRowId } from "@/lib/auth/comparison";
import type { ModeId } from "@/lib/auth/mode";
import type { BenchResults } from "./bench-results";
import type { Fact } from "./facts-schema";

// The comparison table: for each row, each mode's words (lib/auth/comparison.ts) and, where something
// measures it, the measured value with where it came from. Pure: the page passes in what it read.

export const NOT_MEASURED = "not measured yet";

/**
 * Where a claim is proved: an e2e test (its spec file and exact title), a benchmark, or a docs section
 * (repository-relative, with its anchor). lib/compare/proofs.test.ts checks that each one exists.
 */
export type Proof = { label: string; path: string; test?: string };

export type MeasuredValue = { text: string; source: string };

export type ComparisonCell = { mode: ModeId; text: string; measured: MeasuredValue[] | null };

export type ComparisonRow = { id: ComparisonRowId; title: string; proofs: Proof[]; measures: boolean; cells: ComparisonCell[] };

const TITLES: Record<ComparisonRowId, string> = {
  storage: "What the server stores",
  signOut: "Sign-out",
  revocation: "Revocation (another device)",
  adminRevocation: "Admin revocation (account disabled)",
  freshness: "Data freshness (role, disabled)",
  scaling: "Scaling across instances",
  complexity: "Complexity",
  cookieSize: "Cookie size",
  costPerRequest: "Cost per request",
  progress: "Where the form's progress lives",
};

const PROOFS: Record<ComparisonRowId, Proof[]> = {
  storage: [
    {
      label: "e2e",
      path: "e2e/session-storage.spec.ts",
      test: "the cookie holds what the mode says: an opaque token with a hashed row, a JWE whose sid has a hashed row, a JWE with the user's token version, or a JWE alone",
    },
    { label: "e2e", path: "e2e/session-storage.spec.ts", test: "the jwt modes without a registry explain why there is no session list" },
  ],
  signOut: [
    {
      label: "e2e",
      path: "e2e/session-storage.spec.ts",
      test: "a copied cookie works until sign-out; after it, the copy is refused, with a token version only after signing out everywhere, never when stateless",
    },
  ],
  revocation: [
    {
      label: "e2e",
      path: "e2e/session-list.spec.ts",
      test: "the list shows each device, marks this one, and revoking the other signs it out at its next request",
    },
    {
      label: "e2e",
      path: "e2e/password-change.spec.ts",
      test: "changing the password needs the current one and signs out other sessions unless that is impossible",
    },
    { label: "benchmark: revocation latency over HTTP", path: "docs/benchmarks.md#session-checks-npm-run-bench" },
  ],
  adminRevocation: [
    {
      label: "e2e",
      path: "e2e/admin.spec.ts",
      test: "a role change and a disabled account reach the user: next request (database, jwt sid) or next token (stateless)",
    },
  ],
  freshness: [
    {
      label: "e2e",
      path: "e2e/admin.spec.ts",
      test: "a role change and a disabled account reach the user: next request (database, jwt sid) or next token (stateless)",
    },
    { label: "docs: sessions and revocation", path: "docs/how-it-works.md#sessions-and-revocation" },
  ],
  scaling: [
    {
      label: "e2e",
      path: "e2e/cluster.spec.ts",
      test: "signing out through one instance: a copy of the cookie is refused by the other at its next request, or works on both in stateless jwt",
    },
    { label: "benchmark: 1 vs 2 instances", path: "docs/benchmarks.md#several-instances-1-vs-2-behind-haproxy" },
  ],
  complexity: [{ label: "docs: the session read path", path: "docs/how-it-works.md#the-session-read-path" }],
  cookieSize: [
    {
      label: "e2e",
      path: "e2e/onboarding.spec.ts",
      test: "the session cookie: unchanged by step saves in database mode, growing but under 2,000 bytes in jwt mode",
    },
    { label: "benchmark: cookie bytes per step", path: "docs/benchmarks.md#session-checks-npm-run-bench" },
  ],
  costPerRequest: [{ label: "benchmark: session check p50 and SQL statements", path: "docs/benchmarks.md#session-checks-npm-run-bench" }],
  progress: [
    { label: "e2e", path: "e2e/onboarding.spec.ts", test: "after signing out and in, database mode resumes and jwt mode starts fresh" },
    {
      label: "e2e",
      path: "e2e/onboarding.spec.ts",
      test: "a second browser signed in as the same user sees the progress only in database mode",
    },
  ],
};

/** Every proof the table names, for the test that each one exists (lib/compare/proofs.test.ts). */
export function allProofs(): Proof[] {
  return Object.values(PROOFS).flat();
}

const REVOCATIONS = [
  ["revoke-session", "revoked from the list"],
  ["password-change", "password change"],
] as const;

function formatSeconds(seconds: number): string {
  if (seconds >= 86_400) return `${(seconds / 86_400).toFixed(1)} days (${seconds.toLocaleString("en-US")} s)`;
  if (seconds >= 3_600) return `${(seconds / 3_600).toFixed(1)} h (${seconds.toLocaleString("en-US")} s)`;
  return `${seconds.toLocaleString("en-US")} s`;
}

/** Facts for one mode, by key. */
type FactLookup = (key: string) => Fact | undefined;

const sourceOf = (fact: Fact) => `${fact.source.file} › ${fact.source.title}`;

function revocationText(get: FactLookup, kind: string, what: string): MeasuredValue | null {
  const outcome = get(`revocation.${kind}.outcome`);
  const latency = get(`revocation.${kind}.latency`);
  if (!outcome || !latency || typeof latency.value !== "number") return null;
  const after = get(`revocation.${kind}.acceptedAfter`);
  const text =
    latency.unit === "ms"
      ? `${what}: ${String(outcome.value)} (${after ? `${String(after.value)} accepted before, ` : ""}${latency.value.toLocaleString("en-US")} ms after)`
      : `${what}: ${String(outcome.value)}, ${formatSeconds(latency.value)}`;
  return { text, source: sourceOf(latency) };
}

function measuredFor(row: ComparisonRowId, mode: ModeId, get: FactLookup, bench: BenchResults | null): MeasuredValue[] | null {
  const benchSource = bench ? `bench/results/latest.json (${bench.date.slice(0, 10)}, ${bench.databases[0]?.name ?? ""})` : "";
  const inProcess = bench?.databases[0]?.inProcess.find((entry) => entry.mode === mode);
  const http = bench?.databases[0]?.http.find((entry) => entry.mode === mode);
  const values: (MeasuredValue | null)[] = [];
  switch (row) {
    case "storage": {
      const list = get("session-list.available");
      values.push(list ? { text: list.value ? "session list: shown" : "session list: none", source: sourceOf(list) } : null);
      break;
    }
    case "signOut": {
      const copy = get("copy-after-sign-out.works");
      values.push(
        copy
          ? { text: copy.value ? "a copy after sign-out: still works" : "a copy after sign-out: refused", source: sourceOf(copy) }
          : null,
      );
      break;
    }
    case "revocation":
      for (const [kind, what] of REVOCATIONS) values.push(revocationText(get, kind, what));
      if (http)
        values.push({
          text:
            http.revocation.latencyMs === null
              ? `benchmark: ${http.revocation.note}`
              : `benchmark: ${http.revocation.note}, ${http.revocation.latencyMs.toFixed(0)} ms`,
          source: benchSource,
        });
      break;
    case "adminRevocation":
      values.push(revocationText(get, "admin-disable", "disabled"));
      break;
    case "cookieSize": {
      const first = get("cookie.bytes.signed in");
      const last = get("cookie.bytes.preferences saved");
      if (first && last)
        values.push({
          text: `${String(first.value)} bytes signed in, ${String(last.value)} bytes with the whole form`,
          source: sourceOf(last),
        });
      else if (inProcess?.cookieBytes.length)
        values.push({ text: inProcess.cookieBytes.map((step) => `${step.step}: ${step.bytes} bytes`).join(", "), source: benchSource });
      else values.push(null);
      break;
    }
    case "costPerRequest": {
      const statements = get("session-check.statements");
      if (statements)
        values.push({ text: `${String(statements.value)} SQL statement(s) in one page's session check`, source: sourceOf(statements) });
      values.push(
        inProcess
          ? {
              text: `session check p50 ${inProcess.readPath.p50.toFixed(0)} µs, ${inProcess.readPath.readsPerCheck} SQL read(s) and ${inProcess.readPath.writesPerCheck} write(s) per check`,
              source: benchSource,
            }
          : null,
      );
      if (http)
        values.push({ text: `signed-in page ${http.ratio.toFixed(2)}× the req/s of the same page without the check`, source: benchSource });
      break;
    }
    default:
      return null;
  }
  return values.filter((value): value is MeasuredValue => value !== null);
}

/** The rows that have a measurement: shown with "not measured yet" when nothing is recorded. */
const MEASURED_ROWS = new Set<ComparisonRowId>(["storage", "signOut", "revocation", "adminRevocation", "cookieSize", "costPerRequest"]);

export function buildComparison(modes: readonly ModeId[], facts: readonly Fact[], bench: BenchResults | null): ComparisonRow[] {
  return COMPARISON_ROWS.map((id) => ({
    id,
    title: TITLES[id],
    proofs: PROOFS[id],
    measures: MEASURED_ROWS.has(id),
    cells: modes.map((mode) => {
      const get: FactLookup = (key) => facts.find((fact) => fact.mode === mode && fact.key === key);
      return { mode, text: MODE_TRAITS[mode][id], measured: MEASURED_ROWS.has(id) ? measuredFor(id, mode, get, bench) : null };
    }),
  }));
}
