import { describe, expect, test } from 'vitest';
import { requestBudget } from './probe.js';

describe('requestBudget: applicants to prepare for a level', () => {
  test.each([
    // N, duration s, cap, previous level, warm-up rate/s, budget
    [4, 10, 50_000, { concurrency: 2, throughput: 40 }, 0, 1000], // 40/s × 2 × 10 s × 1.25
    [4, 10, 50_000, { concurrency: 8, throughput: 40 }, 0, 500], // fewer connections: never scaled down
    [1, 10, 50_000, undefined, 12, 150], // from the warm-up: 12/s × 1 × 10 s × 1.25
    [2, 1, 50_000, undefined, 0, 250], // nothing measured: 100/s per connection
    [64, 10, 2000, { concurrency: 32, throughput: 245 }, 0, 2000], // capped by --max-requests
    [64, 1, 50_000, { concurrency: 32, throughput: 0.5 }, 0, 64], // at least one per connection
  ])(
    'N=%i for %i s (cap %i) after %o, warm-up %d/s → %i',
    (concurrency, durationSeconds, maxRequests, previous, perConnectionRate, budget) => {
      expect(requestBudget({ concurrency, durationSeconds, maxRequests, previous, perConnectionRate })).toBe(
        budget,
      );
    },
  );
});
