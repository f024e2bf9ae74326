import { describe, expect, test } from 'vitest';
import { erlangC } from '../analytic/erlang.js';
import { defaultModel } from '../model/load-model.js';
import { simulate } from './simulate.js';
import { constantRateScenario, mmcModel } from './testing.js';

describe('simulator against queueing theory', () => {
  test('M/M/2 at ρ = 0.9: mean wait within 3 % of Erlang C over 20 replications, Little on every station', () => {
    const c = 2;
    const mu = 1;
    const lambda = 1.8;
    const result = simulate(constantRateScenario(lambda, 40_000), mmcModel(c, mu), {
      replications: 20,
      seed: 7,
    });
    const cpu = result.stations.find((s) => s.station === 'cpu')!;
    const expected = erlangC({ servers: c, arrivalRate: lambda, serviceRate: mu }).meanWaitInQueue; // 4.263158 s
    const error = Math.abs(cpu.meanWaitSeconds.mean - expected) / expected;
    console.log(
      `M/M/2 ρ=0.9: simulated Wq ${cpu.meanWaitSeconds.mean} ± ${cpu.meanWaitSeconds.ci95} s, Erlang C ${expected.toFixed(6)} s, error ${(error * 100).toFixed(2)} %`,
    );
    expect(error).toBeLessThan(0.03);
    expect(cpu.utilisation.mean).toBeCloseTo(0.9, 1);
    for (const station of result.stations) expect(station.littleRelativeError).toBeLessThan(0.01);
  }, 120_000);

  test('the launch-day funnel keeps Little on every station, and the same seed gives byte-identical output', () => {
    const options = { scale: 0.01, timeScale: 60, replications: 2, seed: 11 };
    const a = simulate('launch-day', defaultModel(), options);
    const b = simulate('launch-day', defaultModel(), options);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    for (const station of a.stations) expect(station.littleRelativeError).toBeLessThan(0.02);
    // Journeys are the journey code's: the whole funnel ends in Join Batch, 5.43 % of sign-ups on launch day
    // (launch-facts.md), so about that share completes.
    const completed = a.journeys.completed.mean / a.arrivals.mean;
    expect(completed).toBeGreaterThan(0.04);
    expect(completed).toBeLessThan(0.07);
    const other = simulate('launch-day', defaultModel(), { ...options, seed: 12 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(a));
  }, 120_000);

  test('the smoke journey takes every step and answers the test right, as the engine sends it: its thresholds hold', () => {
    // Only the data decides (an under-age applicant, a NIK the registry does not know): not the traits.
    const smoke = simulate('smoke', defaultModel(), { seed: 3 });
    const completed = smoke.journeys.completed.mean / smoke.arrivals.mean;
    expect(completed).toBeGreaterThan(0.8);
    expect(smoke.thresholds.filter((v) => !v.ok)).toEqual([]);
  }, 60_000);
});
