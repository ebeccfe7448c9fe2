import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen scrolls inside this box, not the page. The box is focusable and named,
 * so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {children}
    </div>
  );
}
