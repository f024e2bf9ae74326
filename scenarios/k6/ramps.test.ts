import { describe, expect, test } from 'vitest';
import { compileProfile } from '../model/profile.js';
import { listScenarios } from '../model/scenarios.js';
import { profileFromMinuteCounts } from '../model/trace.js';
import type { ArrivalProfile } from '../model/types.js';
import { arrivalRamps } from './ramps.js';

function perMinute(profile: ArrivalProfile): number[] {
  const p = compileProfile(profile, { scale: 1, timeScale: 1 });
  const out: number[] = [];
  for (let t = 0; t < p.durationSeconds; t += 60)
    out.push(p.expectedArrivals(t, Math.min(t + 60, p.durationSeconds)));
  return out;
}

describe('arrivalRamps', () => {
  test.each(listScenarios().map((s) => [s.name, s.profile] as const))(
    '%s: ramps only, every minute keeps its expected arrivals',
    (_name, profile) => {
      const ramps = arrivalRamps(profile);
      expect(ramps.stages.every((s) => s.durationSeconds > 0 && s.target >= 0)).toBe(true);
      expect(ramps.startRate).toBeGreaterThanOrEqual(0);
      const want = perMinute(profile);
      const got = perMinute(ramps);
      expect(got).toHaveLength(want.length);
      for (const [m, count] of got.entries()) expect(count).toBeCloseTo(want[m]!, 6);
    },
  );

  test('a step trace with a silent minute between busy ones stays non-negative and exact', () => {
    const trace = profileFromMinuteCounts('t', 'test', [600, 0, 1200, 60, 60, 60]);
    const ramps = arrivalRamps(trace);
    expect(ramps.stages.every((s) => s.target >= 0)).toBe(true);
    for (const [m, count] of perMinute(ramps).entries()) {
      expect(count).toBeCloseTo([600, 0, 1200, 60, 60, 60][m]!, 6);
    }
  });

  test('a constant rate stays one stage', () => {
    const flat: ArrivalProfile = {
      name: 'f',
      description: '',
      startRate: 5,
      stages: [{ durationSeconds: 600, target: 5 }],
    };
    expect(arrivalRamps(flat).stages).toEqual([{ durationSeconds: 600, target: 5 }]);
  });
});
