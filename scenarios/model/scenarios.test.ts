import { describe, expect, test } from 'vitest';
import { applicant, expectedFunnel } from '../../generators/index.js';
import { DEFAULT_SEED } from '../../generators/options.js';
import { registryRecord } from '../../generators/registry-record.js';
import { arrivalList } from './arrivals.js';
import { ScenarioError } from './errors.js';
import { getJourney } from './journeys.js';
import { compileProfile } from './profile.js';
import { getScenario, listScenarios } from './scenarios.js';
import { compileThresholds } from './thresholds.js';

describe('the scenario registry', () => {
  const names = listScenarios().map((s) => s.name);

  test('holds the issue’s scenarios', () => {
    expect(names).toEqual(['launch-day', 'spike-80k', 'wave-open', 'soak', 'breakpoint', 'smoke', 'ping']);
  });

  // `gelombang run soak` against `gelombang serve` failed 100 % at the profile step: soak had a seed of
  // its own (20200412), the service's registry knows the population of 20200411.
  test.each(listScenarios().map((s) => [s.name, s] as const))(
    "%s: its applicants are the default service's population",
    (_name, s) => {
      expect(s.data.seed).toBe(DEFAULT_SEED);
      let known = 0;
      for (let i = 0; i < 200; i++) {
        const a = applicant(s.data.seed, s.data.startIndex + i);
        if (registryRecord(DEFAULT_SEED, a.nik) !== undefined) known++;
        else expect(a.flags.notInRegistry).toBe(true);
      }
      expect(known).toBeGreaterThan(180); // ≈ 3 % are meant to be unknown to the registry
    },
  );

  test.each(listScenarios().map((s) => [s.name, s] as const))(
    '%s: profile, journey and thresholds are usable',
    (name, s) => {
      expect(getScenario(name)).toBe(s);
      expect(compileProfile(s.profile, { scale: 1, timeScale: 1 }).totalArrivals).toBeGreaterThan(0);
      const journey = getJourney(s.journey);
      const compiled = compileThresholds(s.thresholds);
      // Every step a threshold names is a step the journey issues.
      for (const t of compiled) {
        if (t.selector.tags.step !== undefined) expect(journey.steps).toContain(t.selector.tags.step);
      }
      expect(compiled.some((t) => t.selector.name === 'dropped_iterations')).toBe(true);
    },
  );

  test('breakpoint stops on failure: every threshold aborts', () => {
    expect(getScenario('breakpoint').thresholds.every((t) => t.abortOnFail)).toBe(true);
  });

  test('smoke: ~5–10 arrivals/s for ~30 s, and its completion gate sits below what its applicants can reach', () => {
    const s = getScenario('smoke');
    const p = compileProfile(s.profile, { scale: 1, timeScale: 1 });
    expect(p.peak.rate).toBeGreaterThanOrEqual(5);
    expect(p.peak.rate).toBeLessThanOrEqual(10);
    expect(p.durationSeconds).toBe(30);
    const n = arrivalList(p, { seed: s.data.seed }).length;
    let canComplete = 0;
    for (let i = 0; i < n; i++) {
      const a = applicant(s.data.seed, s.data.startIndex + i);
      const f = a.flags;
      if (
        f.badData === 'none' &&
        !f.notInRegistry &&
        !f.registryMismatch &&
        !f.underAge &&
        expectedFunnel(a).registers
      )
        canComplete++;
    }
    const gate = Number(
      /rate>([\d.]+)/.exec(s.thresholds.find((t) => t.metric === 'journey_completed')!.expressions[0]!)![1],
    );
    expect(canComplete / n).toBeGreaterThan(gate + 0.05);
  });

  test('an unknown name lists the known ones', () => {
    expect(() => getScenario('launch')).toThrow(ScenarioError);
    expect(() => getScenario('launch')).toThrow(
      /launch-day, spike-80k, wave-open, soak, breakpoint, smoke, ping/,
    );
  });
});
