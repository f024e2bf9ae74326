// The named scenarios: one definition each of a traffic shape, the journey it drives and the thresholds it
// must meet, shared by the Node engine, the k6 bundle and the capacity simulator.
import { DEFAULT_SEED } from '../../generators/options.js';
import { SCENARIO_ERROR_CODES, ScenarioError } from './errors.js';
import { breakpointProfile } from './profiles/breakpoint.js';
import { launchDayProfile } from './profiles/launch-day.js';
import { pingProfile, smokeProfile } from './profiles/smoke.js';
import { soakProfile } from './profiles/soak.js';
import { spike80kProfile } from './profiles/spike-80k.js';
import { waveOpenProfile } from './profiles/wave-open.js';
import type { Scenario, ThresholdSpec } from './types.js';

/** The seed the scenarios use: the project-wide default, the opening date (generators/options.ts). */
export const LAUNCH_SEED = DEFAULT_SEED;

/** Every scenario draws its applicants from the one population the default service knows (its registry
 *  stub answers registryRecord(DEFAULT_SEED, nik)); a scenario with a seed of its own failed every profile
 *  step with GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY. Scenarios that should not meet the launch's applicants
 *  again (accounts already taken in the same database) start further along the same population instead.
 *  Each range holds far more than its profile's arrivals (soak ≈ 68k, wave-open ≈ 330k). */
export const APPLICANT_RANGE = { waveOpen: 10_000_000, soak: 20_000_000, breakpoint: 30_000_000 } as const;

// What a registration service owes its applicants under load (ms): a page in a second, an account (scrypt)
// in two, a profile (a registry round trip) in three; under 1 % failed requests; every arrival delivered
// (dropped arrivals mean the test did not offer the load it claims: grafana/k6#2837). Journeys end abandoned
// when the service rightly rejects an applicant (≈ 4 % with the default registry mix, expectedFunnelShares),
// so the abandonment gate sits above that.
// http_req_failed stays below 2 %: rightful 409/422 rejections are expected statuses (responses.ts), so what
// fails is the service's doing (5xx, timeouts, other 4xx).
const FUNNEL_THRESHOLDS: ThresholdSpec[] = [
  { metric: 'http_req_failed', expressions: ['rate<0.02'] },
  { metric: 'http_req_duration{step:visit}', expressions: ['p(95)<1000'] },
  { metric: 'http_req_duration{step:account}', expressions: ['p(95)<2000'] },
  { metric: 'http_req_duration{step:verify-email}', expressions: ['p(95)<2000'] },
  { metric: 'http_req_duration{step:profile}', expressions: ['p(95)<3000'] },
  { metric: 'journey_abandoned', expressions: ['rate<0.1'] },
  { metric: 'dropped_iterations', expressions: ['count==0'] },
];

// Wave-open day: a sign-in (scrypt) and a join (a contended row) per arrival. The returning step is the
// sandbox's stand-in for earlier weeks, so it has no latency threshold of its own.
const WAVE_OPEN_THRESHOLDS: ThresholdSpec[] = [
  { metric: 'http_req_failed', expressions: ['rate<0.05'] },
  { metric: 'http_req_duration{step:sign-in}', expressions: ['p(95)<2000'] },
  { metric: 'http_req_duration{step:wave}', expressions: ['p(95)<1000'] },
  { metric: 'http_req_duration{step:join-wave}', expressions: ['p(95)<2000'] },
  { metric: 'journey_abandoned', expressions: ['rate<0.1'] },
  { metric: 'dropped_iterations', expressions: ['count==0'] },
];

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'launch-day',
    description: 'The 21-hour Kartu Prakerja launch curve (compress it: --time-scale 60 plays it in 21 min)',
    profile: launchDayProfile(),
    journey: 'funnel',
    thresholds: FUNNEL_THRESHOLDS,
    data: { seed: LAUNCH_SEED, startIndex: 0 },
  },
  {
    name: 'spike-80k',
    description: "The launch's peak minute, 80,000 sign-ups/min, held for 5 minutes",
    profile: spike80kProfile(),
    journey: 'funnel',
    thresholds: FUNNEL_THRESHOLDS,
    data: { seed: LAUNCH_SEED, startIndex: 0 },
  },
  {
    name: 'wave-open',
    description:
      'The Join-Batch rush when a weekly wave opens (2× the ~164k quota in 2 h): returning applicants sign in and join',
    profile: waveOpenProfile(),
    journey: 'wave-open',
    thresholds: WAVE_OPEN_THRESHOLDS,
    data: { seed: LAUNCH_SEED, startIndex: APPLICANT_RANGE.waveOpen },
  },
  {
    name: 'soak',
    description: "The launch day's average rate (≈ 19/s) held for an hour: leaks, growing queues",
    profile: soakProfile(),
    journey: 'funnel',
    thresholds: [...FUNNEL_THRESHOLDS, { metric: 'http_req_duration', expressions: ['p(99)<2000'] }],
    data: { seed: LAUNCH_SEED, startIndex: APPLICANT_RANGE.soak },
  },
  {
    name: 'breakpoint',
    description:
      'A rising ramp to 1,333/s that stops when a threshold breaks; reports the last rate that held',
    profile: breakpointProfile(),
    journey: 'funnel',
    thresholds: [
      { metric: 'http_req_failed', expressions: ['rate<0.05'], abortOnFail: true },
      { metric: 'http_req_duration', expressions: ['p(95)<2000'], abortOnFail: true },
      { metric: 'dropped_iterations', expressions: ['count<1'], abortOnFail: true },
    ],
    data: { seed: LAUNCH_SEED, startIndex: APPLICANT_RANGE.breakpoint },
  },
  {
    name: 'smoke',
    description: 'A few arrivals/s for 30 s through every step: the CI gate (`gelombang smoke`)',
    profile: smokeProfile(),
    journey: 'smoke',
    thresholds: [
      // ≈ 1.9 % of the smoke's requests are rightful rejections (one in ~5 requests of 9 % of applicants),
      // failed or not depending on the runner's definition: the gate allows them, not a broken step.
      { metric: 'http_req_failed', expressions: ['rate<0.05'] },
      { metric: 'http_req_duration', expressions: ['p(95)<500', 'p(99)<1000'] },
      { metric: 'http_req_duration{step:account}', expressions: ['p(95)<500'] },
      // ≈ 91 % complete with the default registry mix (3 % unknown NIKs, 5 % mismatches, ~1 % under age).
      { metric: 'journey_completed', expressions: ['rate>0.8'] },
      { metric: 'dropped_iterations', expressions: ['count==0'] },
    ],
    data: { seed: LAUNCH_SEED, startIndex: 0 },
  },
  {
    name: 'ping',
    description: 'GET /ping at 1,000/s for 20 s: the engine benchmark',
    profile: pingProfile(),
    journey: 'ping',
    thresholds: [
      { metric: 'http_req_failed', expressions: ['rate<0.01'] },
      { metric: 'dropped_iterations', expressions: ['count==0'] },
    ],
    data: { seed: LAUNCH_SEED, startIndex: 0 },
  },
];

export function listScenarios(): readonly Scenario[] {
  return SCENARIOS;
}

export function getScenario(name: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) {
    throw new ScenarioError(
      SCENARIO_ERROR_CODES.UNKNOWN_SCENARIO,
      `unknown scenario "${name}"; choose one of ${SCENARIOS.map((s) => s.name).join(', ')} ` +
        '(`gelombang scenarios` lists them)',
    );
  }
  return scenario;
}
