import { describe, expect, test } from 'vitest';
import { compileProfile } from '../profile.js';
import { launchDayClock, launchDayProfile } from './launch-day.js';
import { LAUNCH_DAY_MINUTE_COUNTS } from './launch-day-data.js';
import { fitLaunchDayCounts, launchDayModel } from './launch-day-fit.js';

// The anchors, restated from launch-facts.md (seed 001) rather than imported, so a changed constant fails.
const TOTAL = 1_432_133;
const PEAK = 80_000;
const MINUTES = 1260; // Sat 19:00 → Sun 16:00 WIB

describe('launch-day data meets the public anchors', () => {
  const counts = LAUNCH_DAY_MINUTE_COUNTS;
  const sum = counts.reduce((s, c) => s + c, 0);

  test('21 hours of whole sign-ups per minute, none negative', () => {
    expect(counts).toHaveLength(MINUTES);
    expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
  });
  test('total within 0.1 % of 1,432,133 (it is exact)', () => {
    expect(Math.abs(sum - TOTAL) / TOTAL).toBeLessThan(0.001);
    expect(sum).toBe(TOTAL);
  });
  test('the peak minute is exactly 80,000 and it is the opening minute, 19:00 WIB', () => {
    expect(Math.max(...counts)).toBe(PEAK);
    expect(counts.indexOf(PEAK)).toBe(0);
    expect(launchDayClock(0)).toBe('Sat 2020-04-11 19:00 WIB');
    expect(launchDayClock(MINUTES)).toBe('Sun 2020-04-12 16:00 WIB');
  });
  test('the shape: evening decay, night trough, morning rise', () => {
    const at = (hhmm: string) =>
      counts[((Number(hhmm.slice(0, 2)) - 19 + 24) % 24) * 60 + Number(hhmm.slice(3))]!;
    const evening = [at('19:30'), at('20:30'), at('22:00'), at('00:00')];
    expect([...evening].sort((a, b) => b - a)).toEqual(evening); // falling through the evening
    const trough = Math.min(...counts);
    const troughMinute = counts.indexOf(trough);
    expect(troughMinute).toBeGreaterThan(6 * 60); // after 01:00
    expect(troughMinute).toBeLessThan(11 * 60); // before 06:00
    expect(at('12:00')).toBeGreaterThan(2 * trough);
    expect(at('15:59')).toBeGreaterThan(at('09:00')); // the morning rise goes on into the afternoon
  });
  test('the stored data is what the fit produces (regenerate with generate-launch-day.ts)', () => {
    expect(fitLaunchDayCounts()).toEqual([...counts]);
    const model = launchDayModel();
    expect(model.counts[0]).toBeCloseTo(PEAK, 6);
    expect(model.counts.reduce((s, c) => s + c, 0)).toBeCloseTo(TOTAL, 4);
  });
});

describe('the launch-day profile', () => {
  test('keeps every minute exact: the profile integrates to the stored counts', () => {
    const p = compileProfile(launchDayProfile(), { scale: 1, timeScale: 1 });
    expect(p.durationSeconds).toBe(MINUTES * 60);
    expect(p.totalArrivals).toBeCloseTo(TOTAL, 3);
    for (const m of [0, 1, 59, 600, 1259]) {
      expect(p.expectedArrivals(m * 60, (m + 1) * 60)).toBeCloseTo(LAUNCH_DAY_MINUTE_COUNTS[m]!, 6);
    }
    expect(p.peak).toEqual({ rate: PEAK / 60, atSeconds: 0 });
  });

  test('--scale 0.005 --time-scale 10: the peak minute becomes ≈ 66.7 arrivals/s for 6 s', () => {
    const p = compileProfile(launchDayProfile(), { scale: 0.005, timeScale: 10 });
    expect(p.peak.rate).toBeCloseTo(66.667, 3);
    expect(p.expectedArrivals(0, 6)).toBeCloseTo(400, 6);
    expect(p.durationSeconds).toBe(7560);
    expect(p.totalArrivals).toBeCloseTo(TOTAL * 0.005, 3);
    // Its first 3 minutes (what the replay test runs) carry the first 30 model minutes.
    const first30 = LAUNCH_DAY_MINUTE_COUNTS.slice(0, 30).reduce((s, c) => s + c, 0);
    expect(p.expectedArrivals(0, 180)).toBeCloseTo(first30 * 0.005, 6);
  });
});
