// A long steady run at the launch day's average rate: ≈ 1,137 sign-ups per minute ≈ 19/s over the 21 hours
// (launch-facts.md, derived). Finds what only time reveals: leaks, growing queues, pool exhaustion.
import type { ArrivalProfile } from '../types.js';
import { LAUNCH_DAY_MINUTES, LAUNCH_DAY_TOTAL } from './launch-day-fit.js';

export const LAUNCH_DAY_AVERAGE_RATE = LAUNCH_DAY_TOTAL / (LAUNCH_DAY_MINUTES * 60);

export function soakProfile(
  options: { rate?: number; minutes?: number; rampSeconds?: number } = {},
): ArrivalProfile {
  const rate = options.rate ?? LAUNCH_DAY_AVERAGE_RATE;
  const minutes = options.minutes ?? 60;
  const rampSeconds = options.rampSeconds ?? 60;
  return {
    name: 'soak',
    description: `${rate.toFixed(1)} arrivals/s (the launch day's average) for ${minutes} min after a ${rampSeconds}-s ramp`,
    startRate: 0,
    stages: [
      { durationSeconds: rampSeconds, target: rate },
      { durationSeconds: minutes * 60, target: rate },
    ],
  };
}
