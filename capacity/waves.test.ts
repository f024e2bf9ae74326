import { expect, test } from 'vitest';
import { defaultModel } from './model/load-model.js';
import { cumulativeRegistrations, DEFAULT_WAVE_RULES, planWaves } from './waves.js';

test('the growth curve passes through the public anchors (launch-facts.md)', () => {
  const r = DEFAULT_WAVE_RULES;
  expect(cumulativeRegistrations(r, 1)).toBeCloseTo(1_432_133, 0);
  expect(cumulativeRegistrations(r, 147)).toBeCloseTo(15_900_000, -1); // 4 Sep is day 147
  // "almost 2 million" two days in
  expect(cumulativeRegistrations(r, 2)).toBeGreaterThan(1_900_000);
  expect(cumulativeRegistrations(r, 2)).toBeLessThan(2_100_000);
});

test('waves take at most the quota and carry the rest over; the first wave peaks at the launch minute', () => {
  const plan = planWaves(defaultModel());
  expect(plan.waves.length).toBe(21);
  const [first] = plan.waves;
  expect(first!.expectedPeakPerMinute).toBe(80_000);
  expect(first!.profileScale).toBe(1);
  let backlog = 0;
  for (const w of plan.waves) {
    expect(w.backlogIn).toBe(backlog);
    expect(w.accepted).toBe(Math.min(164_000, backlog + w.registrations));
    expect(w.overflowOut).toBe(backlog + w.registrations - w.accepted);
    backlog = w.overflowOut;
  }
  const total = plan.waves.reduce((a, w) => a + w.registrations, 0);
  expect(total).toBe(plan.waves.at(-1)!.cumulativeRegistrations);
  expect(plan.model.name).toBe('reference-service');
});

test('with an SLO, every wave is sized by plan()', () => {
  const plan = planWaves(defaultModel(), {
    waves: 2,
    rules: { weeklyQuota: 164_000, firstDayRegistrations: 14_321, cumulativeRegistrations: 159_000 },
    slos: [{ metric: 'http_req_duration{step:account}', expressions: ['p(95)<2000'] }],
    durationSeconds: 120,
    replications: 1,
  });
  for (const w of plan.waves) {
    expect(w.sizingOk).toBe(true);
    expect(w.sizing!['service.instances']).toBeGreaterThanOrEqual(1);
  }
  // A smaller wave never needs more instances than a bigger one.
  expect(plan.waves[1]!.sizing!['service.instances']).toBeLessThanOrEqual(
    plan.waves[0]!.sizing!['service.instances'],
  );
}, 60_000);
