import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { JournalRecord } from '../api/types';
import { followRunEvents, type LiveState } from './runEvents';

export type { LiveState } from './runEvents';

/**
 * Follows `GET /api/runs/{id}/events` (journal records as server-sent events). EventSource cannot
 * send headers, so the key goes as `?access_token=`. When the stream cannot be opened, `onPoll`
 * is called every few seconds instead. `onEnd` is called, once, when the host says the run has
 * ended; the stream is closed by then.
 */
export function useRunEvents(
  client: ApiClient,
  runId: string,
  active: boolean,
  onRecord: (r: JournalRecord) => void,
  onPoll: () => void,
  onEnd: () => void,
): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const record = useRef(onRecord);
  const poll = useRef(onPoll);
  const end = useRef(onEnd);
  record.current = onRecord;
  poll.current = onPoll;
  end.current = onEnd;

  useEffect(() => {
    if (!active) {
      setState('closed');
      return;
    }
    return followRunEvents(() => (typeof EventSource === 'undefined' ? undefined : new EventSource(client.eventsUrl(runId))), {
      state: setState,
      record: (r) => record.current(r),
      poll: () => poll.current(),
      end: () => end.current(),
    });
  }, [client, runId, active]);

  return state;
}
