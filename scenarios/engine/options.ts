// Run options, validated once before any request (autocannon's validate()): every problem is an
// EngineOptionsError whose message says what to do, so the CLI exits 2 without having sent anything.
// RunOptions is plain data (structured-clone safe): worker threads receive it as is.
import { cpus } from 'node:os';
import { ENGINE_ERROR_CODES, EngineOptionsError } from './errors.js';
import { ARRIVAL_PROCESSES, type ArrivalProcess } from '../model/arrivals.js';
import { isScenarioError } from '../model/errors.js';
import { type CompiledProfile, compileProfile } from '../model/profile.js';
import { getScenario } from '../model/scenarios.js';
import type { Scenario, ThresholdSpec } from '../model/types.js';
import { checkThresholds, mergeThresholds } from './run-thresholds.js';
import { parseLoopbackTarget } from './target.js';

export interface RunOptions {
  scenario: Scenario;
  /** Loopback origin and path prefix of the service under test. */
  origin: string;
  basePath: string;
  scale: number;
  timeScale: number;
  /** Multiplies think times and client retry delays. Default 1 / timeScale: a compressed replay
   *  compresses the people too, so the journeys in flight (Little's law) match the scaled real day. */
  thinkScale: number;
  /** Wall-clock seconds of arrivals (the profile's length at this timeScale unless cut shorter). */
  durationSeconds: number;
  seed: number;
  arrivalProcess: ArrivalProcess;
  workers: number;
  /** Cap on journeys in flight over all workers; arrivals beyond it are dropped and counted. */
  maxInFlight: number;
  /** HTTP connections to the target over all workers. */
  connections: number;
  /** Per request, from when it is written to the socket. */
  timeoutMs: number;
  /** After the last arrival, how long journeys in flight may finish before they are cut (k6's gracefulStop). */
  gracefulStopSeconds: number;
  /** Thresholds to evaluate: the scenario's, with --threshold overrides replacing those on the same metric. */
  thresholds: ThresholdSpec[];
  /** Serve live Prometheus metrics on 127.0.0.1:PORT/metrics (0 = any free port); undefined = off. */
  metricsPort: number | undefined;
}

/** What a caller (the CLI, a test, the bench) may give: numbers, or the text of a flag. */
export interface RunOptionsInput {
  scenario: Scenario | string;
  target: string;
  scale?: number | string | undefined;
  timeScale?: number | string | undefined;
  thinkScale?: number | string | undefined;
  duration?: number | string | undefined;
  seed?: number | string | undefined;
  arrivalProcess?: string | undefined;
  workers?: number | string | undefined;
  maxInFlight?: number | string | undefined;
  connections?: number | string | undefined;
  timeout?: number | string | undefined;
  gracefulStop?: number | string | undefined;
  thresholds?: ThresholdSpec[] | undefined;
  metricsPort?: number | string | undefined;
}

export const RUN_DEFAULTS = {
  scale: 1,
  timeScale: 1,
  arrivalProcess: 'poisson' as ArrivalProcess,
  workers: 1,
  maxInFlight: 20_000,
  connections: 128,
  timeoutMs: 30_000,
  gracefulStopSeconds: 30,
};

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds from `90`, `90s`, `1.5m`, `1h30m`, `500ms` (k6's duration syntax); NaN when malformed. */
export function parseDurationSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return Number.NaN;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(part[1]) * (DURATION_UNITS[part[2] ?? 's'] ?? Number.NaN);
  }
  return total;
}

/** A flag's number in [min, max]; UsageError (exit 2) naming the flag and the hint otherwise. */
export function number(flag: string, value: number | string, min: number, max: number, hint: string): number {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new EngineOptionsError(`${flag} must be a number from ${min} to ${max} (${hint}); got "${value}"`);
  }
  return n;
}

/** A flag's whole number in [min, max]; UsageError naming the flag and the hint otherwise. */
export function whole(flag: string, value: number | string, min: number, max: number, hint: string): number {
  // Digits only: Number() also reads '1e3' as 1000 and '0x10' as 16, which nobody means by a count.
  if (typeof value === 'string' && !/^\s*-?\d+\s*$/.test(value) && value.trim() !== '') {
    throw new EngineOptionsError(`${flag} must be a whole number (${hint}); got "${value}"`);
  }
  const n = number(flag, value, min, max, hint);
  if (!Number.isInteger(n))
    throw new EngineOptionsError(`${flag} must be a whole number (${hint}); got "${value}"`);
  return n;
}

/** For the --help of every command taking a duration flag: the rule `duration()` applies. */
export const DURATION_FLAG_NOTE =
  'Durations take a unit: 500ms, 90s, 5m, 1h30m. A bare number is refused (k6 reads one as milliseconds).';

/** A flag's duration (parseDurationSeconds) > 0, in seconds; UsageError otherwise. A flag's text needs a
 *  unit: k6 reads a bare `10` as 10 milliseconds (lib/types ParseExtendedDuration), the API reads a number as
 *  seconds, so a unitless flag is refused rather than guessed (a number from code stays seconds). */
export function duration(flag: string, value: number | string, hint: string): number {
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    const n = value.trim();
    throw new EngineOptionsError(
      `${flag} ${n} has no unit: write ${n}s for seconds (or ${n}m, ${n}ms). ` +
        `gelombang does not guess, because k6 reads a bare ${n} as ${n} milliseconds`,
    );
  }
  const seconds = parseDurationSeconds(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new EngineOptionsError(
      `${flag} must be a duration like 30s, 5m or 1h30m (${hint}); got "${value}"`,
    );
  }
  return seconds;
}

function resolveScenario(scenario: Scenario | string): Scenario {
  if (typeof scenario !== 'string') return scenario;
  try {
    return getScenario(scenario);
  } catch (err) {
    if (isScenarioError(err)) throw new EngineOptionsError(err.message, err.code);
    throw err;
  }
}

/** Compiles the run's profile; throws EngineOptionsError for knobs the profile cannot take. */
export function compileRunProfile(
  options: Pick<RunOptions, 'scenario' | 'scale' | 'timeScale'> & {
    durationSeconds?: number | undefined;
  },
): CompiledProfile {
  try {
    return compileProfile(options.scenario.profile, {
      scale: options.scale,
      timeScale: options.timeScale,
      durationSeconds: options.durationSeconds,
    });
  } catch (err) {
    if (isScenarioError(err)) throw new EngineOptionsError(err.message, err.code);
    throw err;
  }
}

export function validateRunOptions(input: RunOptionsInput): RunOptions {
  const target = parseLoopbackTarget(input.target);
  if ('error' in target) throw new EngineOptionsError(target.error, ENGINE_ERROR_CODES.TARGET_NOT_LOOPBACK);
  const scenario = resolveScenario(input.scenario);
  const scale =
    input.scale === undefined
      ? RUN_DEFAULTS.scale
      : number('--scale', input.scale, 1e-9, 1e6, 'rate multiplier, e.g. 0.005');
  const timeScale =
    input.timeScale === undefined
      ? RUN_DEFAULTS.timeScale
      : number('--time-scale', input.timeScale, 1e-6, 1e6, 'time compression: 60 plays an hour in a minute');
  const thinkScale =
    input.thinkScale === undefined
      ? 1 / timeScale
      : number('--think-scale', input.thinkScale, 0, 1e6, '0 = no think time');
  const requested =
    input.duration === undefined ? undefined : duration('--duration', input.duration, 'of arrivals');
  const profile = compileRunProfile({ scenario, scale, timeScale, durationSeconds: requested });
  const seed =
    input.seed === undefined
      ? scenario.data.seed
      : whole('--seed', input.seed, 0, 2 ** 32 - 1, 'any whole number');
  const arrivalProcess = (input.arrivalProcess ?? RUN_DEFAULTS.arrivalProcess) as ArrivalProcess;
  if (!ARRIVAL_PROCESSES.includes(arrivalProcess)) {
    throw new EngineOptionsError(
      `--arrivals must be one of ${ARRIVAL_PROCESSES.join(', ')}; got "${input.arrivalProcess}"`,
    );
  }
  const maxWorkers = Math.max(1, cpus().length * 2);
  const workers =
    input.workers === undefined
      ? RUN_DEFAULTS.workers
      : whole('--workers', input.workers, 1, maxWorkers, `1 to twice the ${cpus().length} CPUs`);
  const maxInFlight =
    input.maxInFlight === undefined
      ? Math.max(RUN_DEFAULTS.maxInFlight, workers)
      : whole('--max-in-flight', input.maxInFlight, workers, 10_000_000, 'at least one per worker');
  const connections =
    input.connections === undefined
      ? Math.max(RUN_DEFAULTS.connections, workers)
      : whole('--connections', input.connections, workers, 100_000, 'at least one per worker');
  const timeoutMs =
    input.timeout === undefined
      ? RUN_DEFAULTS.timeoutMs
      : duration('--timeout', input.timeout, 'per request') * 1000;
  const gracefulStopSeconds =
    input.gracefulStop === undefined
      ? RUN_DEFAULTS.gracefulStopSeconds
      : parseDurationSeconds(input.gracefulStop) === 0
        ? 0
        : duration('--graceful-stop', input.gracefulStop, 'time for journeys in flight to finish');
  const thresholds = mergeThresholds(scenario.thresholds, input.thresholds ?? []);
  checkThresholds(thresholds, scenario.journey);
  const metricsPort =
    input.metricsPort === undefined
      ? undefined
      : whole('--metrics-port', input.metricsPort, 0, 65535, '0 = any free port');
  return {
    scenario,
    origin: target.origin,
    basePath: target.basePath,
    scale,
    timeScale,
    thinkScale,
    durationSeconds: profile.durationSeconds,
    seed,
    arrivalProcess,
    workers,
    maxInFlight,
    connections,
    timeoutMs,
    gracefulStopSeconds,
    thresholds,
    metricsPort,
  };
}

/** Splits a total over n workers as evenly as whole numbers allow (the first ones get the remainder). */
export function shareOf(total: number, workers: number, index: number): number {
  return Math.floor(total / workers) + (index < total % workers ? 1 : 0);
}
