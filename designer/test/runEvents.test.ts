import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalRecord } from '../src/api/types';
import { followRunEvents, POLL_MS, type EventStream, type LiveState } from '../src/runs/runEvents';

/** An event stream the test drives: what the host sends, and whether the view closed it. */
class FakeStream implements EventStream {
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data = ''): void {
    if (type === 'open') this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }
}

const record = (seq: number, kind: string): JournalRecord => ({ seq, at: '2024-05-01T10:00:00Z', kind, message: kind, hash: `h${seq}`, prevHash: `h${seq - 1}` });

function follow(stream: FakeStream | undefined) {
  const seen = { opened: 0, states: [] as LiveState[], records: [] as number[], polls: 0, ends: 0 };
  const stop = followRunEvents(
    () => {
      seen.opened++;
      return stream;
    },
    {
      state: (s) => seen.states.push(s),
      record: (r) => seen.records.push(r.seq),
      poll: () => seen.polls++,
      end: () => seen.ends++,
    },
  );
  return { seen, stop };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('followRunEvents', () => {
  it('closes the stream at the end event, so the browser does not reconnect to a finished run', () => {
    const stream = new FakeStream();
    const { seen } = follow(stream);
    stream.emit('open');
    stream.emit('journal', JSON.stringify(record(7, 'RunCompleted')));
    stream.emit('end', '{}');

    expect(stream.closed).toBe(true);
    expect(seen.records).toEqual([7]);
    expect(seen.ends).toBe(1);
    expect(seen.states.at(-1)).toBe('closed');
  });

  it('hands over the replayed journal before the end of a run that had already finished', () => {
    const stream = new FakeStream();
    const order: string[] = [];
    followRunEvents(() => stream, { state: () => {}, record: (r) => order.push(r.kind), poll: () => {}, end: () => order.push('end') });
    stream.emit('open');
    for (const [seq, kind] of [[1, 'RunStarted'], [2, 'ActivityCompleted'], [3, 'RunFaulted']] as const) stream.emit('journal', JSON.stringify(record(seq, kind)));
    stream.emit('end', '{}');

    expect(order).toEqual(['RunStarted', 'ActivityCompleted', 'RunFaulted', 'end']);
  });

  it('neither polls nor opens the stream again after the end, even when the connection then drops', () => {
    const stream = new FakeStream();
    const { seen } = follow(stream);
    stream.emit('open');
    stream.emit('end', '{}');
    stream.emit('error');
    stream.emit('error');
    stream.emit('error');
    vi.advanceTimersByTime(10 * POLL_MS);

    expect(seen.polls).toBe(0);
    expect(seen.opened).toBe(1);
    expect(seen.states).not.toContain('polling');
  });
});
