import { useEffect } from 'react';

/** How often a page that shows what others change (approvals, runs, the lab) asks the host again. */
export const AUTO_REFRESH_MS = 5000;

/** Calls `reload` every `everyMs` while `enabled`: what another user or a running workflow changed shows up without a click. */
export function useAutoRefresh(reload: () => void, enabled = true, everyMs = AUTO_REFRESH_MS): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(reload, everyMs);
    return () => clearInterval(timer);
  }, [reload, enabled, everyMs]);
}
