import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { JournalRecord } from '../api/types';

export type LiveState = 'connecting' | 'live' | 'polling' | 'closed';

function isJournalRecord(value: unknown): value is JournalRecord {
  return typeof value === 'object' && value !== null && typeof (value as { seq?: unknown }).seq === 'number' && typeof (value as { kind?: unknown }).kind === 'string';
}

/**
 * Follows `GET /api/runs/{id}/events` (journal records as server-sent events). EventSource cannot
 * send headers, so the key goes as `?access_token=`. When the stream cannot be opened, `onPoll`
 * is called every few seconds instead.
 */
export function useRunEvents(client: ApiClient, runId: string, active: boolean, onRecord: (r: JournalRecord) => void, onPoll: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const record = useRef(onRecord);
  const poll = useRef(onPoll);
  record.current = onRecord;
  poll.current = onPoll;

  useEffect(() => {
    if (!active) {
      setState('closed');
      return;
    }
    let timer: ReturnType<typeof setInterval> | undefined;
    let failures = 0;
    const source = typeof EventSource === 'undefined' ? undefined : new EventSource(client.eventsUrl(runId));
    const startPolling = () => {
      if (timer) return;
      setState('polling');
      timer = setInterval(() => poll.current(), 3000);
    };
    if (!source) {
      startPolling();
      return () => clearInterval(timer);
    }
    const handle = (e: MessageEvent<string>) => {
      try {
        const parsed: unknown = JSON.parse(e.data);
        for (const item of Array.isArray(parsed) ? parsed : [parsed]) if (isJournalRecord(item)) record.current(item);
      } catch {
        /* a keep-alive or a non-JSON event */
      }
    };
    source.onopen = () => {
      failures = 0;
      setState('live');
      if (timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
    source.onmessage = handle;
    // A host may name its events; listen to the likely names too.
    source.addEventListener('journal', handle as EventListener);
    source.addEventListener('record', handle as EventListener);
    source.onerror = () => {
      failures++;
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        startPolling();
      }
    };
    return () => {
      source.close();
      if (timer) clearInterval(timer);
    };
  }, [client, runId, active]);

  return state;
}
