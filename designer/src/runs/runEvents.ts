import type { JournalRecord } from '../api/types';

export type LiveState = 'connecting' | 'live' | 'polling' | 'closed';

/** The part of `EventSource` the run view uses. */
export interface EventStream {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface RunEventsCallbacks {
  state: (state: LiveState) => void;
  record: (record: JournalRecord) => void;
  poll: () => void;
  /** The host's `end` event: the run has ended and the stream has nothing more to send. */
  end: () => void;
}

/** How often the run is asked for again when the stream cannot be opened. */
export const POLL_MS = 3000;

// EventSource.CLOSED, which a test runtime without EventSource does not define.
const CLOSED = 2;

function isJournalRecord(value: unknown): value is JournalRecord {
  return typeof value === 'object' && value !== null && typeof (value as { seq?: unknown }).seq === 'number' && typeof (value as { kind?: unknown }).kind === 'string';
}

/**
 * Follows a run's event stream from `open()` (undefined: no stream) and falls back to `poll` every
 * few seconds when it cannot be opened or keeps failing. At the host's `end` event it closes the
 * stream: left open, an EventSource stays connected to the finished run and reconnects whenever the
 * connection drops. Returns the function that stops following.
 */
export function followRunEvents(open: () => EventStream | undefined, on: RunEventsCallbacks): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let failures = 0;
  let ended = false;
  const startPolling = () => {
    if (timer) return;
    on.state('polling');
    timer = setInterval(() => on.poll(), POLL_MS);
  };
  const stopPolling = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const source = open();
  if (!source) {
    startPolling();
    return stopPolling;
  }
  const handle = (e: MessageEvent<string>) => {
    try {
      const parsed: unknown = JSON.parse(e.data);
      for (const item of Array.isArray(parsed) ? parsed : [parsed]) if (isJournalRecord(item)) on.record(item);
    } catch {
      /* a keep-alive or a non-JSON event */
    }
  };
  source.addEventListener('open', () => {
    failures = 0;
    on.state('live');
    stopPolling();
  });
  source.addEventListener('message', handle);
  // A host may name its events; listen to the likely names too.
  source.addEventListener('journal', handle);
  source.addEventListener('record', handle);
  source.addEventListener('end', () => {
    if (ended) return;
    ended = true;
    source.close();
    stopPolling();
    on.state('closed');
    on.end();
  });
  source.addEventListener('error', () => {
    if (ended) return;
    failures++;
    if (source.readyState === CLOSED || failures >= 3) {
      source.close();
      startPolling();
    }
  });
  return () => {
    source.close();
    stopPolling();
  };
}
