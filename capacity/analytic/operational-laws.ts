// The operational laws: relations between quantities measured over an observation period, true with no
// assumption about distributions (only that what is measured is consistent).
// Source: P. J. Denning and J. P. Buzen, "The Operational Analysis of Queueing Network Models",
// ACM Computing Surveys 10(3), 1978; E. Lazowska et al., "Quantitative System Performance", 1984, ch. 3.
// Units: one time unit throughout (seconds in gelombang: demands in s, throughputs per second).
import { requireNonNegative, requirePositive } from './errors.js';

/**
 * Utilisation law, U = X·S: the fraction of time a server is busy.
 * @param throughput X, completions per second at the resource (≥ 0).
 * @param serviceTime S, mean seconds of the resource's time per completion (≥ 0).
 * @returns U, a fraction (1 = one server fully busy; with c servers, divide by c for per-server utilisation).
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on a negative or non-finite input.
 */
export function utilisation({
  throughput,
  serviceTime,
}: {
  throughput: number;
  serviceTime: number;
}): number {
  requireNonNegative('throughput', throughput);
  requireNonNegative('serviceTime', serviceTime);
  return throughput * serviceTime;
}

/**
 * Service demand law, D = B/C: the busy time a resource spends per request (e.g. CPU seconds per sign-up:
 * Δprocess_cpu_seconds_total / Δcompletions), which equals U/X and V·S.
 * @param busyTime B, seconds the resource was busy over the observation (≥ 0).
 * @param completions C, requests completed over the same observation (> 0).
 * @returns D in seconds of the resource per request.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID when C ≤ 0 or B < 0.
 */
export function serviceDemand({ busyTime, completions }: { busyTime: number; completions: number }): number {
  requireNonNegative('busyTime', busyTime);
  requirePositive('completions', completions);
  return busyTime / completions;
}

/**
 * Service demand from utilisation, D = U/X (the same law when busy time is known as a utilisation).
 * @param utilisation U over the observation (≥ 0; may exceed 1 for a multi-core resource).
 * @param throughput X, system completions per second (> 0).
 * @returns D in seconds per request.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID when X ≤ 0 or U < 0.
 */
export function serviceDemandFromUtilisation({
  utilisation: u,
  throughput,
}: {
  utilisation: number;
  throughput: number;
}): number {
  requireNonNegative('utilisation', u);
  requirePositive('throughput', throughput);
  return u / throughput;
}

/**
 * Forced flow law, X_k = V_k·X: the throughput at resource k when each system request visits it V_k times
 * (e.g. a profile submission calls the population registry once: V = 1; a sign-in retry twice: V = 2).
 * @param systemThroughput X, system completions per second (≥ 0).
 * @param visitsPerRequest V_k, mean visits to resource k per system request (≥ 0).
 * @returns X_k, completions per second at resource k.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on a negative or non-finite input.
 */
export function forcedFlow({
  systemThroughput,
  visitsPerRequest,
}: {
  systemThroughput: number;
  visitsPerRequest: number;
}): number {
  requireNonNegative('systemThroughput', systemThroughput);
  requireNonNegative('visitsPerRequest', visitsPerRequest);
  return systemThroughput * visitsPerRequest;
}
