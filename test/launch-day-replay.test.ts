// A compressed replay of the launch day against the embedded service: --scale 0.005 --time-scale 10 makes
// the 80,000-a-minute opening ≈ 67 arrivals/s; the first 3 minutes of the day (18 s of wall clock) run here.
// Every applicant's journey must end where the model says (its traits and the registry's answers), so the
// shares reaching each funnel step match expectedFunnelShares for the same applicants within 1 pp.
import { expect, test } from 'vitest';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { FUNNEL_STEPS } from '../scenarios/model/funnel-journey.js';
import { expectedFunnelShares } from '../scenarios/model/funnel-shares.js';
import { LAUNCH_SEED } from '../scenarios/model/scenarios.js';
import { scenarioAgainstService } from './helpers/scenario-against-service.js';

const launchDay = scenarioAgainstService(
  {
    scenario: 'launch-day',
    scale: 0.005,
    timeScale: 10,
    duration: '18s', // the first 3 minutes of the day at time-scale 10
    thinkScale: 0.005, // people compressed further (the 15-minute test too), so every journey finishes within the graceful stop
    seed: LAUNCH_SEED,
    gracefulStop: '60s',
  },
  90_000,
);

const ORDER = FUNNEL_STEPS;

/** Share of journeys whose last completed step is `step` or later. */
function reached(r: RunResult, step: string): number {
  const total = Object.values(r.journeys.byLastStep).reduce((s, n) => s + n, 0);
  const from = ORDER.indexOf(step);
  const at = Object.entries(r.journeys.byLastStep)
    .filter(([last]) => ORDER.indexOf(last) >= from)
    .reduce((s, [, n]) => s + n, 0);
  return at / total;
}

test('the opening minutes run at the scaled rate and every journey finishes', () => {
  const { result } = launchDay;
  // Minutes 0–3 of the day hold ≈ 190,000 sign-ups; × 0.005 ≈ 950 arrivals, Poisson.
  expect(result.arrivals.launched).toBeGreaterThan(800);
  expect(result.arrivals.dropped).toBe(0);
  expect(result.journeys.interrupted).toBe(0);
  expect(result.journeys.errored).toBe(0);
  expect(
    Math.abs(result.arrivals.achievedRate - result.arrivals.targetRate) / result.arrivals.targetRate,
  ).toBeLessThan(0.05);
});

test('funnel shares are within 1 pp of the model for the same applicants', () => {
  const { result } = launchDay;
  const model = expectedFunnelShares(LAUNCH_SEED, 0, result.arrivals.launched);
  const measured = {
    account: reached(result, 'account'),
    'verify-email': reached(result, 'verify-email'),
    profile: reached(result, 'profile'),
    upload: reached(result, 'upload'),
    'join-wave': reached(result, 'join-wave'),
  };
  for (const step of ['account', 'verify-email', 'profile', 'upload', 'join-wave'] as const) {
    expect(
      Math.abs(measured[step] - model.steps[step]),
      `${step}: ${measured[step]} vs ${model.steps[step]}`,
    ).toBeLessThanOrEqual(0.01);
  }
  expect(
    Math.abs(result.journeys.completed / result.arrivals.launched - model.results.completed),
  ).toBeLessThanOrEqual(0.01);
});

test('no request is sent before its intended time: from-intended latency dominates from-send', () => {
  const { result } = launchDay;
  // Each request's latency from the intended send is ≥ its latency from the actual send, so every
  // percentile of the first is ≥ the same percentile of the second (think times here are fractional
  // milliseconds, where a timer waking early would break it).
  for (const step of result.steps) {
    for (const q of ['min', 'p50', 'p90', 'p99', 'max'] as const) {
      expect(step.fromIntended[q], `${step.step} ${q}`).toBeGreaterThanOrEqual(step.fromSend[q]);
    }
  }
});
