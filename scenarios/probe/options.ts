// `gelombang probe` options: every flag checked before a request is sent (EngineOptionsError; the CLI exits 2 with what
// to give instead). Load goes to loopback only (scenarios/engine/target.ts).
import { EngineOptionsError } from '../engine/errors.js';
import { DEFAULT_SEED } from '../../generators/index.js';
import { duration, whole } from '../engine/options.js';
import { parseLoopbackTarget } from '../engine/target.js';
import { FUNNEL_STEPS } from '../model/funnel-steps.js';

export interface ProbeOptions {
  origin: string;
  basePath: string;
  /** A funnel step name (FUNNEL_STEPS). */
  step: string;
  /** Concurrency levels, in the order given (each > 0, no repeats). */
  concurrency: number[];
  /** Each level's duration, seconds. */
  durationSeconds: number;
  seed: number;
  /** First applicant index used; later levels go on from where the previous one stopped. */
  firstIndex: number;
  timeoutSeconds: number;
  /** Cap on requests (and so on applicants prepared) per level. */
  maxRequests: number;
  /** Requests sent one at a time before the first level (warm-up and first sizing); 0 = none. */
  warmUp: number;
}

export interface ProbeOptionsInput {
  target: string;
  step?: string | undefined;
  concurrency?: string | undefined;
  duration?: string | undefined;
  seed?: string | undefined;
  firstIndex?: string | undefined;
  timeout?: string | undefined;
  maxRequests?: string | undefined;
  warmUp?: string | undefined;
}

export const PROBE_DEFAULTS = {
  step: 'account',
  concurrency: '1,2,4,8,16,32,64',
  duration: '10s',
  timeout: '10s',
  maxRequests: 50_000,
  warmUp: 20,
} as const;

/** Whoever runs a probe on a shared 2-core machine needs no more; autocannon opens one socket each. */
const MAX_CONCURRENCY = 10_000;

export function parseConcurrencyList(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const levels = parts.map((p) =>
    whole('--concurrency', p, 1, MAX_CONCURRENCY, 'a comma-separated list of connections, e.g. 1,2,4,8,16'),
  );
  const seen = new Set<number>();
  for (const level of levels) {
    if (seen.has(level)) {
      throw new EngineOptionsError(
        `--concurrency lists ${level} twice; give each level once, e.g. 1,2,4,8,16`,
      );
    }
    seen.add(level);
  }
  return levels;
}

/** Flags → options. Throws EngineOptionsError before anything is sent. */
export function validateProbeOptions(input: ProbeOptionsInput): ProbeOptions {
  const target = parseLoopbackTarget(input.target);
  if ('error' in target) throw new EngineOptionsError(target.error, 'GLB_ERR_ENGINE_TARGET_NOT_LOOPBACK');
  const step = input.step ?? PROBE_DEFAULTS.step;
  if (!FUNNEL_STEPS.includes(step)) {
    throw new EngineOptionsError(
      `--step must be one of the funnel's steps: ${FUNNEL_STEPS.join(', ')}; got "${step}"`,
    );
  }
  const durationSeconds = duration('--duration', input.duration ?? PROBE_DEFAULTS.duration, 'of each level');
  if (durationSeconds > 3600) {
    throw new EngineOptionsError(`--duration is per level and at most 1h; got "${input.duration}"`);
  }
  if (!Number.isInteger(durationSeconds)) {
    // autocannon ends a level on its 1 s sample tick: 1.5s ran 2 s and 500ms ran 1 s.
    throw new EngineOptionsError(
      `--duration must be whole seconds (a level ends on autocannon's 1 s tick), e.g. 2s or 1m; got "${input.duration}"`,
    );
  }
  const concurrency = parseConcurrencyList(input.concurrency ?? PROBE_DEFAULTS.concurrency);
  const maxRequests =
    input.maxRequests === undefined
      ? PROBE_DEFAULTS.maxRequests
      : whole('--max-requests', input.maxRequests, 1, 10_000_000, 'per level');
  const timeoutSeconds = duration('--timeout', input.timeout ?? PROBE_DEFAULTS.timeout, 'per request');
  if (timeoutSeconds < 1) {
    // autocannon counts its timeout in whole seconds and refuses less than one.
    throw new EngineOptionsError(
      `--timeout must be at least 1s (autocannon's smallest); got "${input.timeout}"`,
    );
  }
  const highest = Math.max(...concurrency);
  if (maxRequests < highest) {
    throw new EngineOptionsError(
      `--max-requests ${maxRequests} is below the highest --concurrency ${highest}: every connection needs at ` +
        `least one request; give --max-requests ${highest} or more`,
    );
  }
  return {
    origin: target.origin,
    basePath: target.basePath,
    step,
    concurrency,
    durationSeconds,
    seed:
      input.seed === undefined
        ? DEFAULT_SEED
        : whole('--seed', input.seed, 0, 2 ** 32 - 1, 'any whole number'),
    firstIndex:
      input.firstIndex === undefined
        ? 0
        : whole('--first-index', input.firstIndex, 0, 2 ** 40, "a previous probe's nextIndex"),
    timeoutSeconds,
    maxRequests,
    warmUp:
      input.warmUp === undefined
        ? PROBE_DEFAULTS.warmUp
        : whole('--warm-up', input.warmUp, 0, 100_000, 'requests before the first level; 0 = none'),
  };
}
