import type { ModeInfo } from "@/lib/auth/mode";

const TONES: Record<ModeInfo["mode"], string> = {
  database: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  jwt: "bg-amber-50 text-amber-900 ring-amber-200",
  "jwt-version": "bg-sky-50 text-sky-900 ring-sky-200",
  "jwt-stateless": "bg-rose-50 text-rose-900 ring-rose-200",
};

export function ModeBadge({ mode }: { mode: ModeInfo }) {
  const tone = TONES[mode.mode];
  return (
    <span
      data-testid="mode-badge"
      title={mode.summary}
      className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-xs font-semibold ring-1 ring-inset ${tone}`}
    >
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {mode.label}
    </span>
  );
}
