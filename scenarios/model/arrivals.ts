// When each arrival happens: deterministic wall-clock times from a compiled profile and a seed.
//
// Poisson (default): a non-homogeneous Poisson process by time change. Unit-rate arrival epochs
// S₁ < S₂ < … (sums of seeded Exp(1) gaps) are mapped through the inverse of the cumulative intensity,
// tᵢ = Λ⁻¹(Sᵢ), which is exact for any piecewise-linear rate (Λ is closed-form, see profile.ts).
// Uniform: evenly spaced in Λ, tᵢ = Λ⁻¹(i + ½): exactly round(Λ(T)) arrivals, like k6's arrival-rate
// executors.
//
// Workers: worker k of n takes the arrivals whose global index i satisfies i mod n = k. Every worker walks
// the same seeded sequence (drawing a gap costs one log), so the union of the workers' arrivals is exactly
// the single-worker schedule, each arrival once, with the same index. The index also picks the applicant
// (applicant(seed, startIndex + index)), so a split run sends the same people at the same times.
// Randomness: the generators' counter-based stream (generators/prng.ts), keyed by (seed, ARRIVAL_STREAM).
import { SCENARIO_ERROR_CODES, ScenarioError } from './errors.js';
import type { CompiledProfile } from './profile.js';
import { timeWithinStage } from './profile.js';
import { Rng, streamKey } from '../../generators/prng.js';

/** Stream purpose for arrival gaps: "ARRV", apart from the generators' own purposes. */
const ARRIVAL_STREAM = 0x41525256;

export type ArrivalProcess = 'poisson' | 'uniform';

export const ARRIVAL_PROCESSES: readonly ArrivalProcess[] = ['poisson', 'uniform'];

export interface ArrivalOptions {
  seed: number;
  /** Default 'poisson'. */
  process?: ArrivalProcess | undefined;
  /** This worker's share: index in [0, count). Default: one worker takes everything. */
  worker?: { index: number; count: number } | undefined;
}

export interface Arrival {
  /** Global arrival number, 0-based, the same whatever the worker split. */
  index: number;
  /** Wall-clock seconds since the start of the run. */
  atSeconds: number;
}

export interface ArrivalSchedule extends Iterable<Arrival> {
  /** The next arrival of this worker, or undefined when the run's arrivals are over. */
  next(): Arrival | undefined;
  /** The same sequence without an object per arrival (hot loops): the next arrival's wall-clock seconds,
   *  or NaN when the arrivals are over; its global index is then `lastIndex()`. next() and nextSeconds()
   *  share one cursor, so a schedule is read with one or the other. */
  nextSeconds(): number;
  /** Global index of the arrival nextSeconds() (or next()) returned last; −1 before the first. */
  lastIndex(): number;
}

export function validateArrivalOptions(options: ArrivalOptions): void {
  const fail = (what: string): never => {
    throw new ScenarioError(SCENARIO_ERROR_CODES.ARRIVALS_INVALID, what);
  };
  if (!(Number.isInteger(options.seed) && options.seed >= 0 && options.seed <= 0xffffffff)) {
    fail(`seed must be a whole number in [0, 2^32), got ${options.seed}`);
  }
  const process = options.process ?? 'poisson';
  if (!ARRIVAL_PROCESSES.includes(process)) {
    fail(`arrival process must be one of ${ARRIVAL_PROCESSES.join(', ')}; got "${process}"`);
  }
  const w = options.worker;
  if (w !== undefined) {
    if (!(Number.isInteger(w.count) && w.count >= 1))
      fail(`worker count must be a whole number ≥ 1, got ${w.count}`);
    if (!(Number.isInteger(w.index) && w.index >= 0 && w.index < w.count)) {
      fail(`worker index must be a whole number in [0, ${w.count - 1}], got ${w.index}`);
    }
  }
}

/** A pull-based schedule (no timers: the runner decides when to wait). Same options → same arrivals. */
export function arrivalSchedule(profile: CompiledProfile, options: ArrivalOptions): ArrivalSchedule {
  validateArrivalOptions(options);
  const uniform = options.process === 'uniform';
  const workers = options.worker?.count ?? 1;
  const mine = options.worker?.index ?? 0;
  const rng = new Rng(streamKey(options.seed >>> 0, 0, ARRIVAL_STREAM));
  const stages = profile.stages;
  const total = profile.totalArrivals;
  let cursor = 0; // the stage of the last arrival: epochs only grow, so it only moves forward
  let epoch = 0; // Sᵢ, expected arrivals before this one
  let index = -1;
  let over = false;

  const advance = (): number | undefined => {
    index += 1;
    epoch = uniform ? index + 0.5 : epoch - Math.log(1 - rng.float()); // + an Exp(1) gap
    if (epoch > total) return undefined;
    while (cursor + 1 < stages.length && stages[cursor + 1]!.arrivalsBefore < epoch) cursor += 1;
    return timeWithinStage(stages[cursor]!, epoch);
  };

  const nextSeconds = (): number => {
    if (over) return Number.NaN;
    for (;;) {
      const at = advance();
      if (at === undefined) {
        over = true;
        return Number.NaN;
      }
      if (index % workers === mine) return at;
    }
  };

  const next = (): Arrival | undefined => {
    const atSeconds = nextSeconds();
    return Number.isNaN(atSeconds) ? undefined : { index, atSeconds };
  };

  return {
    next,
    nextSeconds,
    lastIndex: () => index,
    *[Symbol.iterator]() {
      for (let a = next(); a !== undefined; a = next()) yield a;
    },
  };
}

/** All of a worker's arrivals as an array (for tests and the simulator; runners should pull lazily). */
export function arrivalList(profile: CompiledProfile, options: ArrivalOptions): Arrival[] {
  return [...arrivalSchedule(profile, options)];
}
