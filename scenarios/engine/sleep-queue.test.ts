import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SleepQueue } from './sleep-queue.js';

describe('SleepQueue', () => {
  it('wakes each sleeper at or after its time, never before, in time order', async () => {
    const queue = new SleepQueue();
    const start = performance.now();
    const targets = [37.5, 5.2, 20.9, 5.1, 60, 12.25, 0.4];
    const woke: Array<{ target: number; at: number }> = [];
    await Promise.all(
      targets.map((ms) =>
        queue.until(start + ms).then(() => {
          woke.push({ target: ms, at: performance.now() - start });
        }),
      ),
    );
    expect(woke.map((w) => w.target)).toEqual([...targets].sort((a, b) => a - b));
    for (const w of woke) {
      expect(w.at).toBeGreaterThanOrEqual(w.target);
      expect(w.at - w.target).toBeLessThan(30); // a busy shared machine, not the queue, sets this bound
    }
    expect(queue.size).toBe(0);
  });

  it('an abort wakes every sleeper at once, and later sleeps return at once', async () => {
    const abort = new AbortController();
    const queue = new SleepQueue(abort.signal);
    const start = performance.now();
    const sleeping = Array.from({ length: 1000 }, (_, i) => queue.until(start + 60_000 + i));
    setTimeout(() => abort.abort(), 20);
    await Promise.all(sleeping);
    expect(performance.now() - start).toBeLessThan(5000);
    await queue.until(performance.now() + 60_000);
    expect(queue.size).toBe(0);
  });

  it('sleep() wakes sleeper objects in time order, and one that throws does not stop the others', async () => {
    const queue = new SleepQueue();
    const start = performance.now();
    const woke: number[] = [];
    await new Promise<void>((resolve) => {
      const sleeper = (ms: number) => ({
        wake() {
          woke.push(ms);
          if (woke.length === 4) resolve();
          if (ms === 3) throw new Error('a journey bug');
        },
      });
      for (const ms of [9, 3, 6, 3.5]) queue.sleep(start + ms, sleeper(ms));
    });
    expect(woke).toEqual([3, 3.5, 6, 9]);
    expect(queue.size).toBe(0);
  });

  it('sleep() after the abort wakes the sleeper before returning', () => {
    const abort = new AbortController();
    abort.abort();
    const queue = new SleepQueue(abort.signal);
    let woke = false;
    queue.sleep(performance.now() + 60_000, {
      wake: () => {
        woke = true;
      },
    });
    expect(woke).toBe(true);
    expect(queue.size).toBe(0);
  });
});
