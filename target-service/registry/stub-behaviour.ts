// How the population-registry stub behaves: latency, capacity, errors and outages. In April 2020
// "the ministries' servers could not keep up with our API calls" (launch-facts.md); these knobs let a
// scenario reproduce that, and change it while a run is going (setBehaviour, PUT /admin/behaviour).
import { GelombangError } from '../../shared/errors.js';

export interface OutageWindow {
  /** Milliseconds after the stub started. */
  startMs: number;
  endMs: number;
}

export interface StubBehaviour {
  /** Arithmetic mean of the lognormal service time, ms (0 = answer at once). */
  latencyMeanMs: number;
  /** Shape of the lognormal: standard deviation of ln(latency). 0 = every call takes the mean. */
  latencySigma: number;
  /** Calls served at the same time; the registry's capacity. */
  maxConcurrent: number;
  /** Beyond capacity: answer 429 at once, or wait in a FIFO queue of up to `maxQueue` and then 429. */
  overload: '429' | 'queue';
  maxQueue: number;
  /** Share of served calls that fail with 500, in [0, 1]. */
  errorRate: number;
  /** Windows answering 503, relative to the stub's start. */
  outages: OutageWindow[];
  /** Answer every call with 503 until set back to false. */
  down: boolean;
  /** Retry-After on 429 and 503, whole seconds (HTTP delta-seconds). */
  retryAfterSeconds: number;
}

export const DEFAULT_STUB_BEHAVIOUR: StubBehaviour = {
  latencyMeanMs: 80,
  latencySigma: 0.5,
  maxConcurrent: 50,
  overload: '429',
  maxQueue: 1000,
  errorRate: 0,
  outages: [],
  down: false,
  retryAfterSeconds: 1,
};

/** A behaviour value that cannot be used; the message names the field and the allowed values. */
export class StubBehaviourError extends GelombangError<'GLB_ERR_STUB_BEHAVIOUR_INVALID'> {
  constructor(message: string) {
    super('StubBehaviourError', 'GLB_ERR_STUB_BEHAVIOUR_INVALID', message);
  }
}

type Check = (value: unknown) => string | undefined;

const nonNegative: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a number ≥ 0';
const wholeAtLeast =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? undefined : `a whole number ≥ ${min}`;

const CHECKS: Record<keyof StubBehaviour, Check> = {
  latencyMeanMs: nonNegative,
  latencySigma: (v) =>
    nonNegative(v) === undefined && (v as number) <= 5 ? undefined : 'a number from 0 to 5',
  maxConcurrent: wholeAtLeast(1),
  overload: (v) => (v === '429' || v === 'queue' ? undefined : '"429" or "queue"'),
  maxQueue: wholeAtLeast(0),
  errorRate: (v) => (nonNegative(v) === undefined && (v as number) <= 1 ? undefined : 'a number from 0 to 1'),
  outages: (v) =>
    Array.isArray(v) && v.every(isOutage)
      ? undefined
      : 'a list of { startMs, endMs } with 0 ≤ startMs < endMs',
  down: (v) => (typeof v === 'boolean' ? undefined : 'true or false'),
  retryAfterSeconds: wholeAtLeast(0),
};

function isOutage(v: unknown): v is OutageWindow {
  if (typeof v !== 'object' || v === null) return false;
  const { startMs, endMs } = v as Record<string, unknown>;
  return nonNegative(startMs) === undefined && typeof endMs === 'number' && endMs > (startMs as number);
}

/** Checks a partial behaviour (from code, the admin route or the CLI) and returns a clean copy.
 *  Unknown keys are refused so that a typo does not silently change nothing. */
export function validateBehaviour(partial: unknown): Partial<StubBehaviour> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    throw new StubBehaviourError('behaviour must be a JSON object, e.g. {"down": true}');
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const check = CHECKS[key as keyof StubBehaviour];
    if (check === undefined) {
      throw new StubBehaviourError(
        `unknown behaviour "${key}"; use one of ${Object.keys(CHECKS).join(', ')}`,
      );
    }
    const expected = check(value);
    if (expected !== undefined) {
      throw new StubBehaviourError(`behaviour ${key} must be ${expected}; got ${JSON.stringify(value)}`);
    }
    out[key] =
      key === 'outages' ? (value as OutageWindow[]).map(({ startMs, endMs }) => ({ startMs, endMs })) : value;
  }
  return out as Partial<StubBehaviour>;
}

/** True while `elapsedMs` (since the stub started) falls inside an outage window (end exclusive). */
export function inOutage(outages: readonly OutageWindow[], elapsedMs: number): boolean {
  return outages.some((w) => elapsedMs >= w.startMs && elapsedMs < w.endMs);
}
