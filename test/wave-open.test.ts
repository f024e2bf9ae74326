// The wave-open scenario as it was in 2020: returning applicants sign in and join, against the real service
// (sandbox on: the returning step stands for the weeks before).
import { expect, test } from 'vitest';
import { getScenario } from '../scenarios/model/scenarios.js';
import { gelombang } from './helpers/cli.js';
import { scenarioAgainstService } from './helpers/scenario-against-service.js';

const waveOpen = scenarioAgainstService(
  {
    scenario: 'wave-open',
    scale: 0.01, // ≈ 2.7 sign-ins/s in the first minute of the opening
    duration: '6s',
    thinkScale: 0.05, // reading the wave's page (median 30 s) in 1.5 s, so every journey ends in the run
    seed: getScenario('wave-open').data.seed,
    gracefulStop: '30s',
  },
  60_000,
);

test('every arrival signs in, reads the current wave and joins it (students refused by Dapodik)', async () => {
  const { result, service } = waveOpen;
  expect(result.steps.map((s) => s.step)).toEqual(['returning', 'sign-in', 'wave', 'join-wave']);
  const launched = result.arrivals.launched;
  expect(launched).toBeGreaterThan(5);
  for (const step of result.steps) expect(step.requests, step.step).toBeGreaterThanOrEqual(launched - 1);
  expect(result.journeys.interrupted).toBe(0);
  expect(result.journeys.completed + result.journeys.abandoned).toBe(launched);
  const waves = await service.app.repo.listWaves();
  expect(waves[0]!.joined).toBe(result.journeys.completed);
  expect(result.journeys.completed).toBeGreaterThan(launched * 0.8);
});

test('`gelombang run wave-open` against a service started with --sandbox passes its thresholds', async () => {
  const { service } = waveOpen;
  const exit = await gelombang([
    'run',
    'wave-open',
    '--target',
    service.url,
    // ≈ 11 sign-ins/s, ≈ 50 journeys: enough for the journey_abandoned rate<0.1 threshold to judge the 3.5 %
    // of applicants Dapodik refuses as students (13 journeys, at 0.01×, drew 2 students: 15 %).
    '--scale',
    '0.04',
    '--duration',
    '5s',
    '--think-scale',
    '0.05',
  ]);
  expect(exit.code, exit.stderr).toBe(0);
  expect(exit.stdout).toContain('step join-wave');
  expect(exit.stdout).toContain('thresholds passed');
}, 60_000);
