// A profile as k6's ramping-arrival-rate can play it: linear ramps only, no jumps, with every minute's
// expected arrivals kept. A per-minute trace is a step function (trace.ts); k6 ramps linearly between stage
// targets, and a 0-second stage is not something every k6 version treats the same way. Each minute (and a
// last partial one) becomes two half-minute ramps: from the boundary value b to a peak V and on to the next
// boundary b', with V chosen so the minute's integral is exact:  (L/4)(b + 2V + b') = count.
// Boundaries are the profile's value there (the lower side of a jump), lowered where needed so V ≥ 0; on a
// profile that is already linear between minute boundaries V is the line's own midpoint, and collinear
// ramps merge back into one stage.
import { compileProfile } from '../model/profile.js';
import type { ArrivalProfile, ProfileStage } from '../model/types.js';

const CHUNK_SECONDS = 60;

/** The ramp-only profile (model time, scale 1) whose expected arrivals equal the profile's in every minute. */
export function arrivalRamps(profile: ArrivalProfile): ArrivalProfile {
  const compiled = compileProfile(profile, { scale: 1, timeScale: 1 });
  const total = compiled.durationSeconds;
  const edges: number[] = [];
  for (let t = 0; t < total; t += CHUNK_SECONDS) edges.push(t);
  edges.push(total);
  const chunks = edges.length - 1;
  const length = (m: number) => edges[m + 1]! - edges[m]!;
  const mean = (m: number) => compiled.expectedArrivals(edges[m]!, edges[m + 1]!) / length(m);
  const eps = 1e-6;
  const boundary: number[] = edges.map((t, i) => {
    if (i === 0) return compiled.rateAt(0);
    if (i === chunks) return compiled.rateAt(Math.max(0, t - eps));
    return Math.min(compiled.rateAt(t - eps), compiled.rateAt(t));
  });
  // V ≥ 0 needs b + b' ≤ 4 × mean: lower a boundary that a chunk's mean cannot carry.
  for (let m = 0; m < chunks; m++) {
    const cap = 2 * mean(m);
    if (boundary[m]! + boundary[m + 1]! > 2 * cap) {
      boundary[m] = Math.min(boundary[m]!, cap);
      boundary[m + 1] = Math.min(boundary[m + 1]!, cap);
    }
  }
  const stages: ProfileStage[] = [];
  for (let m = 0; m < chunks; m++) {
    const half = length(m) / 2;
    const peak = 2 * mean(m) - (boundary[m]! + boundary[m + 1]!) / 2;
    stages.push({ durationSeconds: half, target: peak }, { durationSeconds: half, target: boundary[m + 1]! });
  }
  return { ...profile, startRate: boundary[0]!, stages: mergeCollinear(boundary[0]!, stages) };
}

/** Joins consecutive stages with the same slope (a straight line needs one stage). */
function mergeCollinear(startRate: number, stages: readonly ProfileStage[]): ProfileStage[] {
  const out: ProfileStage[] = [];
  let from = startRate;
  let prevFrom = startRate;
  for (const stage of stages) {
    const last = out[out.length - 1];
    if (last !== undefined) {
      const slopeLast = (last.target - prevFrom) / last.durationSeconds;
      const slope = (stage.target - from) / stage.durationSeconds;
      if (Math.abs(slopeLast - slope) <= 1e-9 * Math.max(1, Math.abs(slope), Math.abs(slopeLast))) {
        last.durationSeconds += stage.durationSeconds;
        last.target = stage.target;
        from = stage.target;
        continue;
      }
    }
    out.push({ ...stage });
    prevFrom = from;
    from = stage.target;
  }
  return out;
}
