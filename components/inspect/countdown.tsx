"use client";

import { useEffect, useState } from "react";
import { formatCountdown } from "@/lib/inspect/format";

/** Time left until `expiresAt` (seconds since the epoch), ticking once a second. */
export function Countdown({ expiresAt, renderedAt }: { expiresAt: number; renderedAt: number }) {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span data-testid="expiry-countdown" data-expires-at={expiresAt}>
      {formatCountdown(expiresAt - now)}
    </span>
  );
}
