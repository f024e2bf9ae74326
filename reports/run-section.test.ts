import { describe, expect, test } from 'vitest';
import type { RunResult } from '../scenarios/engine/run-result.js';
import smoke from './fixtures/smoke-run.json' with { type: 'json' };
import { funnelRows, runSection } from './run-section.js';

const run = smoke as unknown as RunResult;

describe('run section', () => {
  test('the funnel counts journeys by the last step they completed, not requests (retries)', () => {
    const steps = ['visit', 'account', 'profile'].map((step) => ({ ...run.steps[0]!, step }));
    const result = {
      ...run,
      steps,
      arrivals: { ...run.arrivals, launched: 100 },
      journeys: { ...run.journeys, byLastStep: { '': 5, visit: 15, account: 20, profile: 60 } },
    };
    expect(funnelRows(result)).toEqual([
      { step: 'visit', reached: 100, completed: 95, dropOff: 5, dropOffRate: 0.05 },
      { step: 'account', reached: 95, completed: 80, dropOff: 15, dropOffRate: 15 / 95 },
      { step: 'profile', reached: 80, completed: 60, dropOff: 20, dropOffRate: 0.25 },
    ]);
  });

  test('one series entry per second of the run, and the failures of each step', () => {
    const section = runSection(run);
    expect(section.series.t).toHaveLength(run.intervals.length);
    expect(section.series.arrivals.reduce((a, b) => a + b, 0)).toBe(run.arrivals.launched);
    const profile = section.steps.find((s) => s.step === 'profile')!;
    expect(profile.failed).toBeGreaterThan(0);
    expect(profile.topErrors[0]!.code).toMatch(/^GLB_ERR_PROFILE_/);
    expect(section.funnel.at(-1)!.completed).toBe(run.journeys.byLastStep['profile']);
  });
});
