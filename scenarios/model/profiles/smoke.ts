// A small constant rate for about half a minute: enough to exercise every funnel step a few hundred times
// in CI without loading the machine (the `gelombang smoke` gate).
import type { ArrivalProfile } from '../types.js';

export function smokeProfile(options: { rate?: number; seconds?: number } = {}): ArrivalProfile {
  const rate = options.rate ?? 8;
  const seconds = options.seconds ?? 30;
  return {
    name: 'smoke',
    description: `${rate} arrivals/s for ${seconds} s: a quick check that every step works`,
    startRate: rate,
    stages: [{ durationSeconds: seconds, target: rate }],
  };
}

/** A constant rate of GET /ping for engine benchmarks. */
export function pingProfile(options: { rate?: number; seconds?: number } = {}): ArrivalProfile {
  const rate = options.rate ?? 1000;
  const seconds = options.seconds ?? 20;
  return {
    name: 'ping',
    description: `${rate} arrivals/s of GET /ping for ${seconds} s (engine benchmarks)`,
    startRate: rate,
    stages: [{ durationSeconds: seconds, target: rate }],
  };
}
