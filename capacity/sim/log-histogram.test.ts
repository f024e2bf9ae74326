import { describe, expect, test } from 'vitest';
import { BUCKETS, bucketByLog, bucketOf, GROWTH, LOWEST_MS, LogHistogram } from './log-histogram.js';
import { SimRng } from './rng.js';

describe('log histogram buckets', () => {
  test('the table gives the log definition bit for bit, at and around every bucket edge', () => {
    const edges = new Float64Array(2);
    const bits = new BigUint64Array(edges.buffer);
    let checked = 0;
    for (let i = 0; i < BUCKETS + 100; i++) {
      const x = LOWEST_MS * GROWTH ** i;
      edges[0] = x;
      for (const d of [-3n, -2n, -1n, 0n, 1n, 2n, 3n]) {
        bits[1] = bits[0]! + d;
        expect(bucketOf(edges[1]!)).toBe(bucketByLog(edges[1]!));
        checked += 1;
      }
    }
    expect(checked).toBe((BUCKETS + 100) * 7);
  });

  test('the table gives the log definition on random latencies from 0 to 10⁹ ms', () => {
    const rng = new SimRng(7);
    for (let n = 0; n < 200_000; n++) {
      const ms = 10 ** (rng.float() * 13 - 4);
      expect(bucketOf(ms)).toBe(bucketByLog(ms));
    }
    for (const ms of [0, -1, LOWEST_MS, 1e-9, 1e12, Number.POSITIVE_INFINITY]) {
      expect(bucketOf(ms)).toBe(bucketByLog(ms));
    }
  });

  test('percentiles come from the recorded samples', () => {
    const h = new LogHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    expect(h.total).toBe(1000);
    expect(h.percentile(50) / 500).toBeCloseTo(1, 2);
    expect(h.percentile(99) / 990).toBeCloseTo(1, 2);
    expect(h.maxMs).toBe(1000);
  });

  test('latencies of hours up to a whole simulated day are reported within bucket precision', () => {
    for (const ms of [82_000, 2 * 3_600_000, 86_400_000 + 3_600_000]) {
      const h = new LogHistogram();
      // A spread around the value, so the percentile comes from the bucket, not from the max.
      for (const f of [0.5, 0.9, 1, 1, 1, 1, 1.1, 2]) h.record(ms * f);
      expect(Math.abs(h.percentile(50) / ms - 1)).toBeLessThan(0.005);
      expect(Math.abs(h.percentile(99) / (2 * ms) - 1)).toBeLessThan(0.005);
    }
  });
});
