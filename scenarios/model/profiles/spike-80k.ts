// The launch's peak minute held: 80,000 sign-ups per minute (launch-facts.md, seed 001) for N minutes after a
// short ramp. Answers "can the service hold the opening minute, and for how long?".
import type { ArrivalProfile } from '../types.js';

export const SPIKE_PER_MINUTE = 80_000;

export function spike80kProfile(options: { minutes?: number; rampSeconds?: number } = {}): ArrivalProfile {
  const minutes = options.minutes ?? 5;
  const rampSeconds = options.rampSeconds ?? 30;
  const rate = SPIKE_PER_MINUTE / 60;
  return {
    name: 'spike-80k',
    description: `80,000 sign-ups/min (the launch's peak minute) for ${minutes} min after a ${rampSeconds}-s ramp`,
    startRate: 0,
    stages: [
      { durationSeconds: rampSeconds, target: rate },
      { durationSeconds: minutes * 60, target: rate },
    ],
  };
}
