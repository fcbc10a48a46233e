import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RELOAD_DELAY_MS, runReload } from '../src/runs/runReload';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('runReload', () => {
  function deferred<T>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  }

  it('asks for the finished run once, at once, at the end instead of after the pending refresh', async () => {
    const fetch = vi.fn(async () => 'Completed');
    const shown: string[] = [];
    const reload = runReload(fetch, (r) => shown.push(r), () => {});
    reload.soon();
    reload.end();
    await vi.advanceTimersByTimeAsync(10 * RELOAD_DELAY_MS);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(['Completed']);
  });

  it('stops refreshing the run after the end', async () => {
    const fetch = vi.fn(async () => 'Completed');
    const reload = runReload(fetch, () => {}, () => {});
    reload.end();
    reload.soon();
    reload.end();
    await vi.advanceTimersByTimeAsync(10 * RELOAD_DELAY_MS);

    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('shows the latest answer when an earlier request answers last, so a finished run is not shown as still running', async () => {
    const running = deferred<string>();
    const completed = deferred<string>();
    const fetch = vi.fn().mockReturnValueOnce(running.promise).mockReturnValueOnce(completed.promise);
    const shown: string[] = [];
    const reload = runReload<string>(fetch, (r) => shown.push(r), () => {});
    reload.now();
    reload.now();
    completed.resolve('Completed');
    await vi.advanceTimersByTimeAsync(0);
    running.resolve('Running');
    await vi.advanceTimersByTimeAsync(0);

    expect(shown).toEqual(['Completed']);
  });
});
