import type { ModeInfo } from "@/lib/auth/mode";

export function ModeBadge({ mode }: { mode: ModeInfo }) {
  const tone =
    mode.strategy === "database" ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-amber-50 text-amber-900 ring-amber-200";
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
