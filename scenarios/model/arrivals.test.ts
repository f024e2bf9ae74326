import { describe, expect, test } from 'vitest';
import { ARRIVAL_PROCESSES, arrivalList, arrivalSchedule } from './arrivals.js';
import { ScenarioError } from './errors.js';
import { compileProfile } from './profile.js';
import type { ArrivalProfile } from './types.js';

const constant = (rate: number, seconds: number): ArrivalProfile => ({
  name: 'constant',
  description: 'test',
  startRate: rate,
  stages: [{ durationSeconds: seconds, target: rate }],
});
// 0 → 200/s over 30 s, then down to 20/s over 30 s: 3000 + 3300 expected arrivals.
const RAMP: ArrivalProfile = {
  name: 'ramp',
  description: 'test',
  startRate: 0,
  stages: [
    { durationSeconds: 30, target: 200 },
    { durationSeconds: 30, target: 20 },
  ],
};

describe('Poisson arrivals', () => {
  test.each([1, 2, 3])('500/s for 20 s (seed %d): count within 4σ of 10,000, windows within 4σ', (seed) => {
    const p = compileProfile(constant(500, 20), { scale: 1, timeScale: 1 });
    const times = arrivalList(p, { seed }).map((a) => a.atSeconds);
    expect(Math.abs(times.length - 10_000)).toBeLessThan(4 * Math.sqrt(10_000));
    for (let t = 0; t < 20; t += 5) {
      const n = times.filter((x) => x >= t && x < t + 5).length;
      expect(Math.abs(n - 2500)).toBeLessThan(4 * Math.sqrt(2500));
    }
  });

  test('follow a changing rate: per-window counts match expectedArrivals', () => {
    const p = compileProfile(RAMP, { scale: 1, timeScale: 2 }); // 30 wall seconds, rates doubled
    const times = arrivalList(p, { seed: 7 }).map((a) => a.atSeconds);
    for (let t = 0; t < 30; t += 3) {
      const expected = p.expectedArrivals(t, t + 3);
      const n = times.filter((x) => x >= t && x < t + 3).length;
      expect(Math.abs(n - expected)).toBeLessThan(4 * Math.sqrt(expected) + 1);
    }
  });

  test('gaps are exponential (coefficient of variation ≈ 1), not evenly spaced', () => {
    const p = compileProfile(constant(100, 100), { scale: 1, timeScale: 1 });
    const times = arrivalList(p, { seed: 11 }).map((a) => a.atSeconds);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(0.01, 3);
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
  });

  test('same seed, same schedule; another seed, another schedule', () => {
    const p = compileProfile(RAMP, { scale: 0.1, timeScale: 1 });
    const a = arrivalList(p, { seed: 42 });
    expect(arrivalList(p, { seed: 42 })).toEqual(a);
    expect(arrivalList(p, { seed: 43 })).not.toEqual(a);
  });

  test('times increase, stay within the run, and indexes count from 0', () => {
    const p = compileProfile(RAMP, { scale: 1, timeScale: 1 });
    const list = arrivalList(p, { seed: 5 });
    list.forEach((a, i) => {
      expect(a.index).toBe(i);
      expect(a.atSeconds).toBeGreaterThanOrEqual(0);
      expect(a.atSeconds).toBeLessThanOrEqual(60);
      if (i > 0) expect(a.atSeconds).toBeGreaterThanOrEqual(list[i - 1]!.atSeconds);
    });
  });
});

describe('uniform arrivals', () => {
  test('exactly the expected count, evenly spaced at a constant rate', () => {
    const p = compileProfile(constant(500, 20), { scale: 1, timeScale: 1 });
    const list = arrivalList(p, { seed: 1, process: 'uniform' });
    expect(list).toHaveLength(10_000);
    expect(list[0]!.atSeconds).toBeCloseTo(0.001, 9);
    expect(list[1]!.atSeconds - list[0]!.atSeconds).toBeCloseTo(0.002, 9);
  });

  test('denser where the rate is higher', () => {
    const p = compileProfile(RAMP, { scale: 1, timeScale: 1 });
    const list = arrivalList(p, { seed: 1, process: 'uniform' });
    expect(list).toHaveLength(6300);
    const inWindow = (t0: number, t1: number) =>
      list.filter((a) => a.atSeconds >= t0 && a.atSeconds < t1).length;
    expect(Math.abs(inWindow(25, 35) - p.expectedArrivals(25, 35))).toBeLessThanOrEqual(1);
    expect(Math.abs(inWindow(0, 10) - p.expectedArrivals(0, 10))).toBeLessThanOrEqual(1);
  });
});

describe('worker split', () => {
  test.each([
    { process: 'poisson' as const, workers: 3 },
    { process: 'uniform' as const, workers: 4 },
    { process: 'poisson' as const, workers: 1 },
  ])(
    '$workers workers ($process) cover every arrival exactly once, at the same times',
    ({ process, workers }) => {
      const p = compileProfile(RAMP, { scale: 0.5, timeScale: 1 });
      const all = arrivalList(p, { seed: 9, process });
      const parts = Array.from({ length: workers }, (_, index) =>
        arrivalList(p, { seed: 9, process, worker: { index, count: workers } }),
      );
      const merged = parts.flat().sort((a, b) => a.index - b.index);
      expect(merged).toEqual(all);
      for (const part of parts) expect(Math.abs(part.length - all.length / workers)).toBeLessThanOrEqual(1);
    },
  );

  test('the schedule is pulled lazily and ends', () => {
    const p = compileProfile(constant(10, 1), { scale: 1, timeScale: 1 });
    const s = arrivalSchedule(p, { seed: 3, process: 'uniform' });
    const got = [];
    for (let a = s.next(); a !== undefined; a = s.next()) got.push(a);
    expect(got).toHaveLength(10);
    expect(s.next()).toBeUndefined();
  });

  test.each(ARRIVAL_PROCESSES)(
    "nextSeconds() and lastIndex() give next()'s arrivals without objects (%s)",
    (process) => {
      const p = compileProfile(constant(50, 20), { scale: 1, timeScale: 1 });
      const options = { seed: 5, process, worker: { index: 1, count: 3 } };
      const expected = arrivalList(p, options);
      const s = arrivalSchedule(p, options);
      const got = [];
      for (let at = s.nextSeconds(); !Number.isNaN(at); at = s.nextSeconds())
        got.push({ index: s.lastIndex(), atSeconds: at });
      expect(got.length).toBeGreaterThan(300);
      expect(got).toEqual(expected);
      expect(s.nextSeconds()).toBeNaN();
      expect(s.next()).toBeUndefined();
    },
  );

  test.each([
    { options: { seed: 1, worker: { index: 2, count: 2 } }, message: /worker index .* \[0, 1\]/ },
    { options: { seed: 1, worker: { index: 0, count: 0 } }, message: /worker count/ },
    { options: { seed: Number.NaN }, message: /seed/ },
    { options: { seed: 1, process: 'burst' as never }, message: /poisson, uniform/ },
  ])('rejects $options', ({ options, message }) => {
    const p = compileProfile(constant(10, 1), { scale: 1, timeScale: 1 });
    expect(() => arrivalSchedule(p, options)).toThrow(ScenarioError);
    expect(() => arrivalSchedule(p, options)).toThrow(message);
  });
});
