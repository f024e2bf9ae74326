// The rush when a wave (gelombang) opens its "Join Batch". Assumptions, stated because no per-minute figure
// is public:
// - the weekly quota is ~164,000 (launch-facts.md: 160,000–164,000 per wave; seeds 000, 001, 004);
// - demand is twice the quota: registrations far outran the quota (1.43 M in the first 21 h against 164 k a
//   week), and "if 200,000 register in a week the rest go to the next slot" shows weeks oversubscribed;
//   the applicants waiting from earlier weeks come back when the next wave opens;
// - they come at once and taper off like the launch's opening crush: an exponential decay with a 20-minute
//   time constant (95 % within the first hour), over 2 hours.
// Each minute's count is the exact integral of the decay, normalised so the whole window carries the demand.
import { profileFromMinuteCounts } from '../trace.js';
import type { ArrivalProfile } from '../types.js';

export const WAVE_QUOTA = 164_000;

export interface WaveOpenOptions {
  quota?: number;
  oversubscription?: number;
  decayMinutes?: number;
  minutes?: number;
}

/** Join attempts per minute after the wave opens (real numbers; they sum to quota × oversubscription). */
export function waveOpenMinuteCounts(options: WaveOpenOptions = {}): number[] {
  const demand = (options.quota ?? WAVE_QUOTA) * (options.oversubscription ?? 2);
  const tau = options.decayMinutes ?? 20;
  const minutes = options.minutes ?? 120;
  const norm = 1 - Math.exp(-minutes / tau);
  return Array.from(
    { length: minutes },
    (_, m) => (demand * (Math.exp(-m / tau) - Math.exp(-(m + 1) / tau))) / norm,
  );
}

// toLocaleString is not dependable in k6's JavaScript runtime.
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export function waveOpenProfile(options: WaveOpenOptions = {}): ArrivalProfile {
  const counts = waveOpenMinuteCounts(options);
  const demand = Math.round(counts.reduce((s, c) => s + c, 0));
  return profileFromMinuteCounts(
    'wave-open',
    `A wave opens: ${thousands(demand)} join attempts (2× the ~164k weekly quota), ` +
      `decaying over ${counts.length} min from ${thousands(Math.round(counts[0]!))} in the first minute`,
    counts,
  );
}
