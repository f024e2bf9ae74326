// Little's law, L = λW: the mean number in a system equals the arrival rate times the mean time spent in it.
// It holds for any stable system in steady state, whatever the arrival and service distributions, so it is
// the check every measurement and every simulated station must pass.
// Source: J. D. C. Little, "A Proof for the Queuing Formula: L = λW", Operations Research 9(3), 1961.
// Units: pick one time unit and keep it: a rate per second with a time in seconds (or per minute with minutes).
import { requireNonNegative, requirePositive } from './errors.js';

/**
 * L = λ·W: the mean number in the system (requests in flight, applicants in a queue).
 * @param arrivalRate λ, arrivals per time unit (≥ 0); in steady state it equals the throughput.
 * @param meanTimeInSystem W, mean time each arrival spends inside, in the same time unit (≥ 0).
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on a negative or non-finite input.
 */
export function littleNumberInSystem({
  arrivalRate,
  meanTimeInSystem,
}: {
  arrivalRate: number;
  meanTimeInSystem: number;
}): number {
  requireNonNegative('arrivalRate', arrivalRate);
  requireNonNegative('meanTimeInSystem', meanTimeInSystem);
  return arrivalRate * meanTimeInSystem;
}

/**
 * W = L/λ: the mean time in the system from the mean number inside and the arrival rate.
 * @param meanNumberInSystem L (≥ 0). @param arrivalRate λ per time unit (> 0).
 * @returns W in the time unit of the rate.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID when λ ≤ 0 or L < 0.
 */
export function littleTimeInSystem({
  meanNumberInSystem,
  arrivalRate,
}: {
  meanNumberInSystem: number;
  arrivalRate: number;
}): number {
  requireNonNegative('meanNumberInSystem', meanNumberInSystem);
  requirePositive('arrivalRate', arrivalRate);
  return meanNumberInSystem / arrivalRate;
}

/**
 * λ = L/W: the throughput a closed system with L requests in flight sustains when each takes W (a load test
 * with N virtual users and no think time: X = N/R).
 * @param meanNumberInSystem L (≥ 0). @param meanTimeInSystem W (> 0).
 * @returns λ per time unit of W.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID when W ≤ 0 or L < 0.
 */
export function littleArrivalRate({
  meanNumberInSystem,
  meanTimeInSystem,
}: {
  meanNumberInSystem: number;
  meanTimeInSystem: number;
}): number {
  requireNonNegative('meanNumberInSystem', meanNumberInSystem);
  requirePositive('meanTimeInSystem', meanTimeInSystem);
  return meanNumberInSystem / meanTimeInSystem;
}
