import { describe, expect, test } from 'vitest';
import { ScenarioError } from './errors.js';
import { compileProfile, validateKnobs } from './profile.js';
import { profileFromMinuteCounts } from './trace.js';
import type { ArrivalProfile } from './types.js';

// 0 → 10/s over 100 s, hold 10/s for 100 s, jump to 40/s (0-s stage), hold 50 s: 500 + 1000 + 2000 arrivals.
const RAMP_HOLD_STEP: ArrivalProfile = {
  name: 'ramp-hold-step',
  description: 'test shape',
  startRate: 0,
  stages: [
    { durationSeconds: 100, target: 10 },
    { durationSeconds: 100, target: 10 },
    { durationSeconds: 0, target: 40 },
    { durationSeconds: 50, target: 40 },
  ],
};

describe('compileProfile', () => {
  test.each([
    // scale, timeScale, wall duration, total arrivals, peak rate, rate at 50 s wall
    { scale: 1, timeScale: 1, duration: 250, total: 3500, peak: 40, rateAt50: 5 },
    { scale: 0.5, timeScale: 1, duration: 250, total: 1750, peak: 20, rateAt50: 2.5 },
    // 10× compression: 10× the rate for a tenth of the time, the same arrivals.
    { scale: 1, timeScale: 10, duration: 25, total: 3500, peak: 400, rateAt50: 0 },
    { scale: 0.01, timeScale: 10, duration: 25, total: 35, peak: 4, rateAt50: 0 },
  ])('scale $scale, timeScale $timeScale', ({ scale, timeScale, duration, total, peak, rateAt50 }) => {
    const p = compileProfile(RAMP_HOLD_STEP, { scale, timeScale });
    expect(p.durationSeconds).toBeCloseTo(duration, 9);
    expect(p.totalArrivals).toBeCloseTo(total, 9);
    expect(p.expectedArrivals(0, p.durationSeconds)).toBeCloseTo(total, 9);
    expect(p.peak.rate).toBeCloseTo(peak, 9);
    expect(p.peak.atSeconds).toBeCloseTo(200 / timeScale, 9);
    expect(p.rateAt(50)).toBeCloseTo(rateAt50, 9);
  });

  test.each([
    // window in model seconds (timeScale 1): closed-form integrals of the pieces
    { t0: 0, t1: 100, arrivals: 500 },
    { t0: 0, t1: 50, arrivals: 125 }, // ∫₀⁵⁰ 0.1t dt
    { t0: 50, t1: 150, arrivals: 375 + 500 },
    { t0: 190, t1: 210, arrivals: 100 + 400 }, // across the jump
    { t0: -10, t1: 1000, arrivals: 3500 }, // clamped to the run
    { t0: 120, t1: 120, arrivals: 0 },
  ])('expectedArrivals($t0, $t1) = $arrivals', ({ t0, t1, arrivals }) => {
    const p = compileProfile(RAMP_HOLD_STEP, { scale: 1, timeScale: 1 });
    expect(p.expectedArrivals(t0, t1)).toBeCloseTo(arrivals, 9);
  });

  test('rate is right-continuous at a jump and 0 outside the run', () => {
    const p = compileProfile(RAMP_HOLD_STEP, { scale: 1, timeScale: 1 });
    expect(p.rateAt(199.999)).toBeCloseTo(10, 9);
    expect(p.rateAt(200)).toBe(40);
    expect(p.rateAt(250)).toBe(40);
    expect(p.rateAt(250.001)).toBe(0);
    expect(p.rateAt(-1)).toBe(0);
  });

  test.each([10, 125, 499, 500, 1200, 1500, 1501, 3499])(
    'timeAtCumulative inverts cumulativeArrivals at %d',
    (n) => {
      const p = compileProfile(RAMP_HOLD_STEP, { scale: 1, timeScale: 1 });
      const t = p.timeAtCumulative(n);
      expect(p.cumulativeArrivals(t)).toBeCloseTo(n, 6);
    },
  );

  test('a shorter duration cuts the profile and its integral', () => {
    const p = compileProfile(RAMP_HOLD_STEP, { scale: 1, timeScale: 1, durationSeconds: 150 });
    expect(p.durationSeconds).toBe(150);
    expect(p.fullDurationSeconds).toBe(250);
    expect(p.totalArrivals).toBeCloseTo(1000, 9);
    expect(p.peak.rate).toBe(10);
    expect(p.rateAt(175)).toBe(0);
  });

  test('a per-minute trace keeps each minute exact under compression: launch-like peak at 0.005 × 10', () => {
    const p = compileProfile(profileFromMinuteCounts('t', 'trace', [80_000, 40_000, 40_000, 1000]), {
      scale: 0.005,
      timeScale: 10,
    });
    // 80,000 in a model minute = 1,333.3/s; × 0.005 × 10 = 66.7/s over 6 wall seconds.
    expect(p.peak.rate).toBeCloseTo(66.667, 3);
    expect(p.peak.atSeconds).toBe(0);
    expect(p.expectedArrivals(0, 6)).toBeCloseTo(400, 9);
    expect(p.expectedArrivals(6, 18)).toBeCloseTo(400, 9);
    expect(p.stages).toHaveLength(3); // the two equal minutes share one piece
  });
});

describe('validateKnobs', () => {
  test.each([
    { knobs: { scale: 0, timeScale: 1 }, message: /scale must be a number > 0/ },
    { knobs: { scale: Number.NaN, timeScale: 1 }, message: /scale/ },
    { knobs: { scale: 1, timeScale: -2 }, message: /timeScale must be a number > 0/ },
    { knobs: { scale: 1, timeScale: 1, durationSeconds: 0 }, message: /duration must be/ },
    { knobs: { scale: 1, timeScale: 10, durationSeconds: 26 }, message: /longer than .* \(25 s\)/ },
  ])('rejects $knobs', ({ knobs, message }) => {
    expect(() => validateKnobs(knobs, RAMP_HOLD_STEP)).toThrow(ScenarioError);
    expect(() => validateKnobs(knobs, RAMP_HOLD_STEP)).toThrow(message);
  });

  test('rejects a profile with negative rates or no time, naming the stage', () => {
    const bad = { ...RAMP_HOLD_STEP, stages: [{ durationSeconds: 10, target: -1 }] };
    expect(() => compileProfile(bad, { scale: 1, timeScale: 1 })).toThrow(/stage 1: target/);
    const empty = { ...RAMP_HOLD_STEP, stages: [{ durationSeconds: 0, target: 1 }] };
    expect(() => compileProfile(empty, { scale: 1, timeScale: 1 })).toThrow(/0 seconds in total/);
  });
});
