// k6 `options` from a build-time plan and the run's environment (pure: no k6 import, unit-testable in
// Node). SCALE multiplies the rate, TIME_SCALE compresses time (as `gelombang run --scale/--time-scale`),
// THINK_SCALE multiplies think times (default 1 / TIME_SCALE, as the engine).
import type { K6Plan } from './plan.js';

export interface K6Env {
  SCALE?: string | undefined;
  TIME_SCALE?: string | undefined;
  THINK_SCALE?: string | undefined;
  BASE_URL?: string | undefined;
  GRACEFUL_STOP?: string | undefined;
}

export interface Knobs {
  scale: number;
  timeScale: number;
  thinkScale: number;
  baseUrl: string;
}

/** Seconds a request is assumed to take when sizing VUs (a registration service under load: 0.5 s). */
export const REQUEST_SECONDS_ALLOWANCE = 0.5;
/** Integer targets: the time unit is chosen so the peak target is at least this many arrivals per unit. */
const TARGET_RESOLUTION = 1000;

function positive(name: string, text: string | undefined, fallback: number, allowZero = false): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new Error(`${name} must be a number${allowZero ? ' ≥ 0' : ' > 0'}; got "${text}"`);
  }
  return n;
}

export function knobsFromEnv(env: K6Env): Knobs {
  const scale = positive('SCALE', env.SCALE, 1);
  const timeScale = positive('TIME_SCALE', env.TIME_SCALE, 1);
  const thinkScale = positive('THINK_SCALE', env.THINK_SCALE, 1 / timeScale, true);
  const baseUrl = (env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return { scale, timeScale, thinkScale, baseUrl };
}

export interface K6Stage {
  duration: string;
  target: number;
}

export interface ArrivalRateScenario {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnit: string;
  preAllocatedVUs: number;
  maxVUs: number;
  stages: K6Stage[];
  gracefulStop: string;
  exec: string;
}

/** The ramps at wall-clock time and rate: k6 targets are whole numbers per timeUnit, so the unit (whole
 *  seconds) is long enough that the peak is ≥ 1,000 per unit and rounding moves counts by < 0.1 %. */
export function wallStages(plan: K6Plan, knobs: Pick<Knobs, 'scale' | 'timeScale'>) {
  const rate = (r: number) => r * knobs.scale * knobs.timeScale;
  const peak = Math.max(plan.ramps.startRate, ...plan.ramps.stages.map((s) => s.target));
  const unitSeconds = Math.max(1, Math.ceil(TARGET_RESOLUTION / Math.max(rate(peak), 1e-9)));
  const perUnit = (r: number) => Math.round(rate(r) * unitSeconds);
  return {
    startRate: perUnit(plan.ramps.startRate),
    timeUnit: `${unitSeconds}s`,
    unitSeconds,
    peakPerSecond: rate(peak),
    stages: plan.ramps.stages.map((s) => ({
      duration: `${Math.max(1, Math.round((s.durationSeconds / knobs.timeScale) * 1000))}ms`,
      target: perUnit(s.target),
    })),
  };
}

/** Little's law: journeys in flight L = λ W at the peak arrival rate λ, with W the mean journey (think time
 *  at this think scale plus REQUEST_SECONDS_ALLOWANCE per request); 3√L on top covers the Poisson swing of
 *  the count in flight. maxVUs doubles it for a slow service (k6 counts arrivals it cannot start as
 *  dropped_iterations, a threshold of every scenario). */
export function vusFor(plan: K6Plan, peakPerSecond: number, thinkScale: number) {
  const journeySeconds = plan.meanThinkSeconds * thinkScale + plan.meanRequests * REQUEST_SECONDS_ALLOWANCE;
  const inFlight = peakPerSecond * journeySeconds;
  const preAllocatedVUs = Math.max(1, Math.ceil(inFlight + 3 * Math.sqrt(inFlight)));
  return { journeySeconds, preAllocatedVUs, maxVUs: Math.max(2, 2 * preAllocatedVUs) };
}

/** The whole k6 `options` object of a bundle. */
export function k6Options(plan: K6Plan, env: K6Env) {
  const knobs = knobsFromEnv(env);
  const wall = wallStages(plan, knobs);
  const vus = vusFor(plan, wall.peakPerSecond, knobs.thinkScale);
  const scenario: ArrivalRateScenario = {
    executor: 'ramping-arrival-rate',
    startRate: wall.startRate,
    timeUnit: wall.timeUnit,
    preAllocatedVUs: vus.preAllocatedVUs,
    maxVUs: vus.maxVUs,
    stages: wall.stages,
    gracefulStop: env.GRACEFUL_STOP ?? '30s',
    exec: 'journey',
  };
  return {
    scenarios: { [plan.scenario]: scenario },
    thresholds: plan.thresholds,
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  };
}
