// Compiles an ArrivalProfile (model time, piecewise-linear stages) with the scale / timeScale / duration knobs
// into wall-clock form: rate at a time, expected arrivals over a window (closed-form integral of the
// piecewise-linear rate) and its inverse, which the arrival schedule uses to place Poisson arrivals.
import { SCENARIO_ERROR_CODES, ScenarioError } from './errors.js';
import type { ArrivalProfile, ProfileKnobs } from './types.js';

/** One linear piece in wall-clock time, with the scale applied. Consecutive pieces may jump (a step). */
export interface WallStage {
  startSeconds: number;
  durationSeconds: number;
  /** Arrivals per second (wall) at the start and at the end of the piece. */
  startRate: number;
  endRate: number;
  /** Expected arrivals in [0, startSeconds). */
  arrivalsBefore: number;
}

export interface CompiledProfile {
  name: string;
  description: string;
  knobs: Readonly<Required<Pick<ProfileKnobs, 'scale' | 'timeScale'>>> & { durationSeconds: number };
  /** Wall-clock length of the run: the knobs' duration, or the whole profile compressed by timeScale. */
  durationSeconds: number;
  /** Wall-clock length of the whole profile (before a shorter knobs.durationSeconds). */
  fullDurationSeconds: number;
  /** Expected arrivals over the run. */
  totalArrivals: number;
  stages: readonly WallStage[];
  /** Arrivals per second at wall time t (0 outside [0, durationSeconds]). Right-continuous at steps. */
  rateAt(tWall: number): number;
  /** Expected arrivals in [t0, t1] (wall seconds; clamped to the run). */
  expectedArrivals(t0: number, t1: number): number;
  /** Expected arrivals in [0, t]. */
  cumulativeArrivals(tWall: number): number;
  /** Inverse of cumulativeArrivals: the earliest wall time by which n arrivals are expected. */
  timeAtCumulative(n: number): number;
  peak: { rate: number; atSeconds: number };
}

function positiveFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Throws a ScenarioError naming the first thing wrong with the profile. */
export function validateProfile(profile: ArrivalProfile): void {
  const fail = (what: string): never => {
    throw new ScenarioError(SCENARIO_ERROR_CODES.PROFILE_INVALID, `profile "${profile.name}": ${what}`);
  };
  if (!(Number.isFinite(profile.startRate) && profile.startRate >= 0)) {
    fail(`startRate must be a number ≥ 0 arrivals/s, got ${profile.startRate}`);
  }
  if (profile.stages.length === 0) fail('it needs at least one stage');
  let total = 0;
  profile.stages.forEach((stage, i) => {
    if (!(Number.isFinite(stage.durationSeconds) && stage.durationSeconds >= 0)) {
      fail(
        `stage ${i + 1}: durationSeconds must be ≥ 0 (0 = jump to the target), got ${stage.durationSeconds}`,
      );
    }
    if (!(Number.isFinite(stage.target) && stage.target >= 0)) {
      fail(`stage ${i + 1}: target must be a number ≥ 0 arrivals/s, got ${stage.target}`);
    }
    total += stage.durationSeconds;
  });
  if (total <= 0) fail('its stages last 0 seconds in total; give at least one stage a duration');
}

/** Model-time length of a profile, seconds. */
export function profileModelSeconds(profile: ArrivalProfile): number {
  return profile.stages.reduce((sum, stage) => sum + stage.durationSeconds, 0);
}

/** Checks the knobs (and, given the profile, that the duration fits in it); returns them with defaults filled. */
export function validateKnobs(knobs: ProfileKnobs, profile?: ArrivalProfile): CompiledProfile['knobs'] {
  const fail = (what: string): never => {
    throw new ScenarioError(SCENARIO_ERROR_CODES.KNOBS_INVALID, what);
  };
  if (!positiveFinite(knobs.scale)) {
    fail(
      `scale must be a number > 0 (1 = the real traffic, 0.005 = one in 200 arrivals); got ${knobs.scale}`,
    );
  }
  if (!positiveFinite(knobs.timeScale)) {
    fail(
      `timeScale must be a number > 0 (1 = real time, 60 = one model hour per wall minute); got ${knobs.timeScale}`,
    );
  }
  const full =
    profile === undefined ? Number.POSITIVE_INFINITY : profileModelSeconds(profile) / knobs.timeScale;
  if (knobs.durationSeconds === undefined)
    return { scale: knobs.scale, timeScale: knobs.timeScale, durationSeconds: full };
  if (!positiveFinite(knobs.durationSeconds)) {
    fail(`duration must be a number of seconds > 0; got ${knobs.durationSeconds}`);
  }
  // A tolerance of a millisecond, so that a duration computed from the profile's own length is accepted.
  if (knobs.durationSeconds > full + 1e-3) {
    fail(
      `duration ${knobs.durationSeconds} s is longer than profile "${profile?.name}" lasts at timeScale ` +
        `${knobs.timeScale} (${round3(full)} s); give a duration ≤ ${round3(full)} s or omit it`,
    );
  }
  return {
    scale: knobs.scale,
    timeScale: knobs.timeScale,
    durationSeconds: Math.min(knobs.durationSeconds, full),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Wall rate at t = scale × timeScale × modelRate(t × timeScale); wall arrivals = scale × model arrivals. */
export function compileProfile(profile: ArrivalProfile, knobs: ProfileKnobs): CompiledProfile {
  validateProfile(profile);
  const k = validateKnobs(knobs, profile);
  const rateFactor = k.scale * k.timeScale;
  const stages: WallStage[] = [];
  let modelStart = 0;
  let previousTarget = profile.startRate;
  let arrivals = 0;
  for (const stage of profile.stages) {
    const startSeconds = modelStart / k.timeScale;
    modelStart += stage.durationSeconds;
    const from = previousTarget;
    previousTarget = stage.target;
    if (stage.durationSeconds === 0) continue; // a jump: the next piece starts from this target
    if (startSeconds >= k.durationSeconds) break;
    const fullDuration = stage.durationSeconds / k.timeScale;
    const durationSeconds = Math.min(fullDuration, k.durationSeconds - startSeconds);
    const startRate = from * rateFactor;
    const fullEndRate = stage.target * rateFactor;
    const endRate = startRate + ((fullEndRate - startRate) * durationSeconds) / fullDuration;
    stages.push({ startSeconds, durationSeconds, startRate, endRate, arrivalsBefore: arrivals });
    arrivals += ((startRate + endRate) / 2) * durationSeconds;
  }
  const totalArrivals = arrivals;
  const durationSeconds = k.durationSeconds;

  const stageIndexAt = (t: number): number => {
    let lo = 0;
    let hi = stages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (stages[mid]!.startSeconds <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const rateAt = (t: number): number => {
    if (!(t >= 0 && t <= durationSeconds)) return 0;
    const s = stages[stageIndexAt(t)]!;
    const x = Math.min(t - s.startSeconds, s.durationSeconds);
    return s.startRate + ((s.endRate - s.startRate) * x) / s.durationSeconds;
  };
  const cumulativeArrivals = (t: number): number => {
    if (t <= 0 || Number.isNaN(t)) return 0;
    if (t >= durationSeconds) return totalArrivals;
    const s = stages[stageIndexAt(t)]!;
    const x = Math.min(t - s.startSeconds, s.durationSeconds);
    return s.arrivalsBefore + s.startRate * x + ((s.endRate - s.startRate) * x * x) / (2 * s.durationSeconds);
  };
  return {
    name: profile.name,
    description: profile.description,
    knobs: k,
    durationSeconds,
    fullDurationSeconds: profileModelSeconds(profile) / k.timeScale,
    totalArrivals,
    stages,
    rateAt,
    cumulativeArrivals,
    expectedArrivals: (t0, t1) => (t1 <= t0 ? 0 : cumulativeArrivals(t1) - cumulativeArrivals(t0)),
    timeAtCumulative: (n) => timeAtCumulative(stages, totalArrivals, durationSeconds, n),
    peak: findPeak(stages),
  };
}

/** The largest stage index whose arrivalsBefore is < n: the piece where the n-th expected arrival falls. */
export function stageIndexForCumulative(stages: readonly WallStage[], n: number, from = 0): number {
  let lo = from;
  let hi = stages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (stages[mid]!.arrivalsBefore < n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Solves arrivalsBefore + r0·x + (r1 − r0)·x²/(2d) = n for x within one piece. The form
 *  x = 2L / (r0 + √(r0² + 2kL)) avoids cancellation for rising, falling and flat pieces alike. */
export function timeWithinStage(stage: WallStage, n: number): number {
  const L = n - stage.arrivalsBefore;
  if (L <= 0) return stage.startSeconds;
  const slope = (stage.endRate - stage.startRate) / stage.durationSeconds;
  const root = Math.sqrt(Math.max(0, stage.startRate * stage.startRate + 2 * slope * L));
  const denominator = stage.startRate + root;
  const x = denominator > 0 ? (2 * L) / denominator : stage.durationSeconds;
  return stage.startSeconds + Math.min(Math.max(x, 0), stage.durationSeconds);
}

function timeAtCumulative(stages: readonly WallStage[], total: number, duration: number, n: number): number {
  if (!(n > 0)) return 0;
  if (n >= total) return duration;
  return timeWithinStage(stages[stageIndexForCumulative(stages, n)]!, n);
}

function findPeak(stages: readonly WallStage[]): CompiledProfile['peak'] {
  let rate = -1;
  let atSeconds = 0;
  for (const s of stages) {
    if (s.startRate > rate) {
      rate = s.startRate;
      atSeconds = s.startSeconds;
    }
    if (s.endRate > rate) {
      rate = s.endRate;
      atSeconds = s.startSeconds + s.durationSeconds;
    }
  }
  return { rate: Math.max(rate, 0), atSeconds };
}
