/** How long the run view waits after a journal record before asking for the run, so a burst of records is one request. */
export const RELOAD_DELAY_MS = 250;

export interface RunReload {
  /** Asks for the run now. */
  now: () => void;
  /** Asks for the run once no record has arrived for a moment. */
  soon: () => void;
  /** The run has ended: asks for its final state once, now, and no more `soon()`. */
  end: () => void;
  /** Cancels a pending `soon()`. */
  dispose: () => void;
}

/**
 * Asks the host for a run again as its events arrive and shows the answer (or the failure). Only the
 * latest request's answer is shown: an earlier one answering last would show a state the run has left.
 */
export function runReload<T>(fetch: () => Promise<T>, show: (run: T) => void, fail: (error: unknown) => void, delayMs = RELOAD_DELAY_MS): RunReload {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let ended = false;
  const load = async () => {
    const request = ++latest;
    try {
      const run = await fetch();
      if (request === latest) show(run);
    } catch (e) {
      if (request === latest) fail(e);
    }
  };
  return {
    now: () => void load(),
    soon: () => {
      if (ended) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), delayMs);
    },
    end: () => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      void load();
    },
    dispose: () => clearTimeout(timer),
  };
}
