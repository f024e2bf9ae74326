import { describe, expect, it } from 'vitest';
import { fullJitterDelayMs, retryAfterMs } from './backoff.js';

describe('fullJitterDelayMs', () => {
  it.each([
    { retry: 0, random: 0.5, expected: 50 },
    { retry: 1, random: 0.5, expected: 100 },
    { retry: 3, random: 1, expected: 800 },
    { retry: 10, random: 1, expected: 2000 }, // capped
    { retry: 10, random: 0, expected: 0 },
  ])(
    'retry $retry with random $random → $expected ms (base 100, cap 2000)',
    ({ retry, random, expected }) => {
      expect(fullJitterDelayMs(retry, 100, 2000, () => random)).toBe(expected);
    },
  );
});

describe('retryAfterMs', () => {
  const now = Date.parse('2020-04-11T12:00:00Z');
  it.each<{ header: string | string[] | undefined; expected: number | undefined }>([
    { header: '3', expected: 3000 },
    { header: ' 0 ', expected: 0 },
    { header: ['2', '9'], expected: 2000 },
    { header: 'Sat, 11 Apr 2020 12:00:05 GMT', expected: 5000 },
    { header: 'Sat, 11 Apr 2020 11:59:00 GMT', expected: 0 },
    { header: undefined, expected: undefined },
    { header: '', expected: undefined },
    { header: 'soon', expected: undefined },
    { header: '-1', expected: undefined },
  ])('$header → $expected', ({ header, expected }) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
