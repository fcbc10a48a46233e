/** How long the run view waits after a journal record before asking for the run, so a burst of records is one request. */
export const RELOAD_DELAY_MS = 250;

export interface RunReload {
  /** Asks for the run now. */
  now: () => void;
  /** Asks for the run once no record has arrived for a moment. */
  soon: () => void;
  /** Cancels a pending `soon()`. */
  dispose: () => void;
}

/** Asks the host for a run again as its events arrive and shows the answer (or the failure). */
export function runReload<T>(fetch: () => Promise<T>, show: (run: T) => void, fail: (error: unknown) => void, delayMs = RELOAD_DELAY_MS): RunReload {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const load = async () => {
    try {
      show(await fetch());
    } catch (e) {
      fail(e);
    }
  };
  return {
    now: () => void load(),
    soon: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), delayMs);
    },
    dispose: () => clearTimeout(timer),
  };
}
