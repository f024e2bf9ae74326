// Seeded draws for the registry stub (latency, errors) and for tests of the client's jitter, from the
// generators' counter-based Rng (generators/prng.ts): one PRNG in the project. Same seed, same draws.
import { Rng, streamKey } from '../../generators/prng.js';

// The stub's own stream purpose ('STUB'), apart from the generators' applicant streams.
const STUB_STREAM = 0x53545542;

export function stubRng(seed: number): Rng {
  return new Rng(streamKey(seed, 0, STUB_STREAM));
}

/** Uniform numbers in [0, 1) from a seed. */
export function seededRandom(seed: number): () => number {
  const rng = stubRng(seed);
  return () => rng.float();
}

/** A lognormal draw with the given arithmetic mean and shape sigma (the standard deviation of ln x).
 *  Median mean·e^(-sigma²/2) makes E[x] = mean, the figure a dashboard shows. Remote-call service
 *  times are right-skewed like this: most fast, a long tail of slow ones. */
export function lognormalByMean(rng: Rng, mean: number, sigma: number): number {
  if (mean <= 0) return 0;
  if (sigma === 0) return mean;
  return rng.lognormal(mean * Math.exp(-(sigma * sigma) / 2), sigma);
}
