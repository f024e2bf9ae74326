// The service demand of one request type, separated from what the process burns regardless of load: fit the
// utilisation law with a background term, U = U₀ + D·X, over levels measured at different throughputs.
// D (the slope) is the CPU per request that scales with traffic; U₀ (the intercept) is the idle cost (timers,
// GC, an in-process stub, the metrics scrape) that the pooled ratio ΣB/ΣC spreads over the requests and so
// overstates at low throughput. Ordinary least squares; when the intercept comes out negative (noise around
// an idle cost of ~0) the line is refitted through the origin (U₀ = 0).
// Sources: the utilisation law (Denning and Buzen 1978); regression of utilisation on throughput to
// estimate demands as in D. A. Menascé, V. A. F. Almeida and L. W. Dowdy, "Performance by Design", 2004, ch. 4.
import { ANALYTIC_ERROR_CODES, AnalyticError, requireNonNegative } from './errors.js';

export interface UtilisationSample {
  /** X, completions per second. */
  throughput: number;
  /** U, busy resource-seconds per second over the same window (CPU cores busy; may exceed 1). */
  utilisation: number;
}

export interface DemandFit {
  /** D, seconds of the resource per request (the slope). */
  serviceDemand: number;
  /** U₀, utilisation with no traffic (the intercept), ≥ 0. */
  backgroundUtilisation: number;
  /** Coefficient of determination of the line on the samples. */
  rSquared: number;
}

/** Throughputs must spread at least this much (max/min) for a slope to mean anything. */
export const MIN_THROUGHPUT_SPREAD = 1.5;

/**
 * Fits U = U₀ + D·X. @returns D in resource-seconds per request and U₀ in resource-seconds per second.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on fewer than 2 samples, a negative or non-finite value,
 *   or throughputs spread less than MIN_THROUGHPUT_SPREAD× (a flat throughput says nothing about the slope);
 *   GLB_ERR_ANALYTIC_FIT_FAILED when utilisation falls as throughput rises (D < 0: the samples are not one load).
 */
export function fitServiceDemand(samples: readonly UtilisationSample[]): DemandFit {
  for (const s of samples) {
    requireNonNegative('throughput', s.throughput);
    requireNonNegative('utilisation', s.utilisation);
  }
  const xs = samples.map((s) => s.throughput);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (samples.length < 2 || !(max >= min * MIN_THROUGHPUT_SPREAD && max > 0)) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `a demand fit needs at least 2 samples whose throughputs differ by ${MIN_THROUGHPUT_SPREAD}× or more ` +
        `(got ${samples.length}, from ${+min.toPrecision(4)} to ${+max.toPrecision(4)}/s): measure at more different loads`,
    );
  }
  const n = samples.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanU = samples.reduce((a, s) => a + s.utilisation, 0) / n;
  let sxx = 0;
  let sxu = 0;
  for (const s of samples) {
    sxx += (s.throughput - meanX) ** 2;
    sxu += (s.throughput - meanX) * (s.utilisation - meanU);
  }
  // The same utilisation at every throughput (nothing here scales with load) is a demand of 0; summing
  // equal values leaves rounding (0.1 × 3 / 3 ≠ 0.1) that would otherwise read as a tiny negative slope.
  if (samples.every((s) => Math.abs(s.utilisation - meanU) <= 1e-12 * meanU)) {
    return { serviceDemand: 0, backgroundUtilisation: samples[0]!.utilisation, rSquared: 1 };
  }
  let serviceDemand = sxu / sxx;
  let backgroundUtilisation = meanU - serviceDemand * meanX;
  if (backgroundUtilisation < 0) {
    backgroundUtilisation = 0;
    serviceDemand =
      samples.reduce((a, s) => a + s.throughput * s.utilisation, 0) / xs.reduce((a, x) => a + x * x, 0);
  }
  if (serviceDemand < 0) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.FIT_FAILED,
      'utilisation falls as throughput rises (a negative demand): the samples do not come from one steady load',
    );
  }
  const ssTot = samples.reduce((a, s) => a + (s.utilisation - meanU) ** 2, 0);
  const ssRes = samples.reduce(
    (a, s) => a + (s.utilisation - backgroundUtilisation - serviceDemand * s.throughput) ** 2,
    0,
  );
  return { serviceDemand, backgroundUtilisation, rSquared: ssTot > 0 ? 1 - ssRes / ssTot : 1 };
}
