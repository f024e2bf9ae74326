// The open-model loop: every arrival is launched, in order, no earlier than intended; arrivals already
// overdue when the loop wakes (a blocked event loop) are all launched at once, never skipped.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { type ScheduledArrival, startScheduler } from './scheduler.js';

function arrivals(at: number[]): () => ScheduledArrival | undefined {
  let i = 0;
  return () => (i < at.length ? { index: i, at: at[i++]! } : undefined);
}

describe('startScheduler', () => {
  it('launches each arrival once, in order, never before its time', async () => {
    const t0 = performance.now();
    const times = Array.from({ length: 50 }, (_, i) => t0 + 5 + i * 2);
    const launched: Array<{ index: number; early: boolean }> = [];
    const scheduler = startScheduler(arrivals(times), (arrival, now) => {
      launched.push({ index: arrival.index, early: now < arrival.at });
    });
    await scheduler.done;
    expect(launched.map((l) => l.index)).toEqual(times.map((_, i) => i));
    expect(launched.some((l) => l.early)).toBe(false);
  });

  it('launches every overdue arrival after a blocked event loop, and reports how late', async () => {
    const t0 = performance.now();
    const times = Array.from({ length: 20 }, (_, i) => t0 + 1 + i);
    const lags: number[] = [];
    const scheduler = startScheduler(arrivals(times), (arrival, now) => lags.push(now - arrival.at));
    const blockUntil = performance.now() + 40;
    while (performance.now() < blockUntil) {
      // busy: the scheduler cannot run
    }
    await scheduler.done;
    expect(lags).toHaveLength(20);
    expect(lags[0]).toBeGreaterThan(20);
  });

  it('stops launching when stopped', async () => {
    const t0 = performance.now();
    const launched: number[] = [];
    const scheduler = startScheduler(arrivals([t0, t0 + 1000, t0 + 2000]), (arrival) => {
      launched.push(arrival.index);
      scheduler.stop();
    });
    await scheduler.done;
    expect(launched).toEqual([0]);
  });
});
