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
      { step: 'visit', reached: 100, completed: 95, dropOff: 5, dropOffRate: 0.05, notNeeded: false },
      { step: 'account', reached: 95, completed: 80, dropOff: 15, dropOffRate: 15 / 95, notNeeded: false },
      { step: 'profile', reached: 80, completed: 60, dropOff: 20, dropOffRate: 0.25, notNeeded: false },
    ]);
  });

  test('a recovery step nobody needed is "not needed", and the drop-off after it stays on the next step', () => {
    // recover-sign-in and await-nik sit in the journey's order; no applicant took them in this run.
    const steps = ['visit', 'account', 'recover-sign-in', 'outbox', 'profile', 'await-nik'].map((step) => ({
      ...run.steps[0]!,
      step,
      requests: step === 'recover-sign-in' || step === 'await-nik' ? 0 : 100,
    }));
    const result = {
      ...run,
      steps,
      arrivals: { ...run.arrivals, launched: 100 },
      journeys: { ...run.journeys, byLastStep: { account: 10, outbox: 30, profile: 60 } },
    };
    const rows = funnelRows(result);
    const byStep = Object.fromEntries(rows.map((r) => [r.step, r]));
    for (const step of ['recover-sign-in', 'await-nik']) {
      expect(byStep[step]).toEqual({
        step,
        reached: 0,
        completed: 0,
        dropOff: 0,
        dropOffRate: 0,
        notNeeded: true,
      });
    }
    // The 10 who stopped after the account stopped at the outbox, not at a sign-in recovery nobody needed.
    expect(byStep['outbox']).toMatchObject({ reached: 100, completed: 90, dropOff: 10, notNeeded: false });
    expect(byStep['profile']).toMatchObject({ reached: 90, completed: 60, dropOff: 30 });
  });

  test('a recovery step some applicants needed keeps its counts', () => {
    const steps = ['visit', 'profile', 'await-nik'].map((step) => ({ ...run.steps[0]!, step, requests: 5 }));
    const result = {
      ...run,
      steps,
      arrivals: { ...run.arrivals, launched: 10 },
      journeys: { ...run.journeys, byLastStep: { profile: 5, 'await-nik': 5 } },
    };
    expect(funnelRows(result).at(-1)).toEqual({
      step: 'await-nik',
      reached: 10,
      completed: 5,
      dropOff: 5,
      dropOffRate: 0.5,
      notNeeded: false,
    });
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
