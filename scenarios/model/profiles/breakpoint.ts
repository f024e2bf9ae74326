// A ramp that keeps rising until a threshold breaks (its thresholds carry abortOnFail, so the runner stops),
// then reports the last rate that held. Default: from 1/s to the launch's peak (80,000/min) over 20 minutes.
import type { CompiledProfile } from '../profile.js';
import type { ArrivalProfile } from '../types.js';
import { SPIKE_PER_MINUTE } from './spike-80k.js';

export function breakpointProfile(
  options: { fromRate?: number; toRate?: number; minutes?: number } = {},
): ArrivalProfile {
  const fromRate = options.fromRate ?? 1;
  const toRate = options.toRate ?? SPIKE_PER_MINUTE / 60;
  const minutes = options.minutes ?? 20;
  return {
    name: 'breakpoint',
    description: `a ramp from ${fromRate} to ${Math.round(toRate)} arrivals/s over ${minutes} min; stops when a threshold breaks`,
    startRate: fromRate,
    stages: [{ durationSeconds: minutes * 60, target: toRate }],
  };
}

export interface BreakpointReport {
  /** True when no threshold broke before the ramp ended. */
  held: boolean;
  /** Highest target rate (wall arrivals/s) reached by the last evaluation at which every threshold held. */
  lastHeldRate: number;
  lastHeldAtSeconds: number;
  /** Target rate when the break was seen (null when it held). */
  brokeAtRate: number | null;
  brokeAtSeconds: number | null;
}

/** Highest target rate in [0, t]: a ramp's rate at t; for any shape, the peak of the prefix. */
function peakUpTo(profile: CompiledProfile, t: number): number {
  let peak = profile.rateAt(Math.min(Math.max(t, 0), profile.durationSeconds));
  for (const s of profile.stages) {
    if (s.startSeconds > t) break;
    peak = Math.max(peak, s.startRate);
    if (s.startSeconds + s.durationSeconds <= t) peak = Math.max(peak, s.endRate);
  }
  return peak;
}

/** What the run found. `lastPassedAtSeconds` is the runner's last evaluation at which every threshold held
 *  (0 if none did); `failedAtSeconds` the first at which one broke, or null if the ramp ran to its end.
 *  Thresholds over a whole run lag (a p95 over all samples moves slowly): evaluate over a recent window. */
export function breakpointReport(
  profile: CompiledProfile,
  run: { lastPassedAtSeconds: number; failedAtSeconds: number | null },
): BreakpointReport {
  if (run.failedAtSeconds === null) {
    return {
      held: true,
      lastHeldRate: peakUpTo(profile, profile.durationSeconds),
      lastHeldAtSeconds: profile.durationSeconds,
      brokeAtRate: null,
      brokeAtSeconds: null,
    };
  }
  const lastHeldAtSeconds = Math.min(run.lastPassedAtSeconds, run.failedAtSeconds);
  return {
    held: false,
    lastHeldRate: lastHeldAtSeconds > 0 ? peakUpTo(profile, lastHeldAtSeconds) : 0,
    lastHeldAtSeconds,
    brokeAtRate: profile.rateAt(Math.min(run.failedAtSeconds, profile.durationSeconds)),
    brokeAtSeconds: run.failedAtSeconds,
  };
}
