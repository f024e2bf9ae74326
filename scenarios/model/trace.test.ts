import { describe, expect, test } from 'vitest';
import { ScenarioError } from './errors.js';
import { compileProfile } from './profile.js';
import { minuteCountsFromCsv, profileFromCsv } from './trace.js';

describe('profileFromCsv', () => {
  test.each([
    { text: 'minute,count\n0,60\n1,120\n2,0\n', counts: [60, 120, 0] },
    { text: '0,60\n1,120', counts: [60, 120] }, // no header
    { text: '# exported from the gateway log\r\n10, 6\r\n11, 12\r\n\r\n13, 3\r\n', counts: [6, 12, 0, 3] }, // gap = 0
    { text: 'minute,count\n5,1.5\n', counts: [1.5] },
    // A quoted first row is minute 0, not a header: splitting on commas read '"0"' as text and lost it.
    { text: '"0","600"\n"1","300"\n', counts: [600, 300] },
    { text: '"minute","count"\r\n"0","600"\r\n', counts: [600] },
    { text: '0,60 # note\n1,120\n', counts: [60, 120] },
  ])('reads $counts', ({ text, counts }) => {
    expect(minuteCountsFromCsv('trace', text)).toEqual(counts);
  });

  test('each minute of the trace carries its count of expected arrivals', () => {
    const p = compileProfile(profileFromCsv('trace', 'minute,count\n0,60\n1,120\n2,30\n'), {
      scale: 1,
      timeScale: 1,
    });
    expect(p.expectedArrivals(0, 60)).toBeCloseTo(60, 9);
    expect(p.expectedArrivals(60, 120)).toBeCloseTo(120, 9);
    expect(p.expectedArrivals(120, 180)).toBeCloseTo(30, 9);
    expect(p.durationSeconds).toBe(180);
  });

  test.each([
    { text: 'minute,count\n0,5\n0,6\n', message: /line 3: minutes must increase; 0 follows 0/ },
    { text: '0,5\n1,-2\n', message: /line 2: count must not be negative/ },
    { text: '0,5\n1.5,2\n', message: /line 2: minute must be a whole number/ },
    { text: '0,5\n1,lots\n', message: /line 2: count must be a number, got "lots"/ },
    { text: '0,5\n1,2,3\n', message: /line 2: expected 2 columns/ },
    { text: 'minute,count\nnext,3\n', message: /line 2: minute must be a whole number/ }, // one header only
    { text: 'minute,count\n', message: /no "minute,count" rows/ },
    { text: '0,0\n1,0\n', message: /every count is 0/ },
    { text: '0,5\n"1,6\n', message: /line 2: not readable as CSV/ },
    { text: '0,5\n\n# gap\n3,x\n', message: /line 4: count must be a number/ },
  ])('rejects bad traces: $message', ({ text, message }) => {
    expect(() => profileFromCsv('trace', text)).toThrow(ScenarioError);
    expect(() => profileFromCsv('trace', text)).toThrow(message);
  });
});
