// The Allen–Cunneen approximation for the G/G/c queue: the M/M/c wait scaled by the variability of arrivals
// and service. Exact for M/M/c (both coefficients of variation 1); for M/G/1 it is the Pollaczek–Khinchine
// formula; otherwise an approximation, best at high utilisation (heavy traffic), that can be off by tens of
// percent at low utilisation or with very skewed service (a lognormal registry call with a long tail).
// Sources: A. O. Allen, "Probability, Statistics, and Queueing Theory", 2nd ed., 1990, §6.4 (crediting
// Cunneen's approximation); W. Whitt, "Approximations for the GI/G/m queue", Production and Operations
// Management 2(2), 1993.
import { type ErlangCInput, erlangC } from './erlang.js';
import { requireNonNegative } from './errors.js';

export interface AllenCunneenInput extends ErlangCInput {
  /** ca, coefficient of variation (standard deviation / mean) of the interarrival times: 1 for Poisson. */
  arrivalCv: number;
  /** cs, coefficient of variation of the service times: 1 exponential, 0 constant, >1 heavy-tailed. */
  serviceCv: number;
}

export interface AllenCunneenResult {
  /** ρ = λ/(cμ). */
  utilisation: number;
  /** P(wait), taken from M/M/c (Erlang C): the approximation scales only the wait. */
  probabilityOfWait: number;
  /** Wq ≈ Wq(M/M/c)·(ca² + cs²)/2, in the time unit of 1/rate. */
  meanWaitInQueue: number;
  /** W = Wq + 1/μ. */
  meanResponseTime: number;
  /** Lq = λ·Wq (Little). */
  meanQueueLength: number;
  /** (ca² + cs²)/2, the factor applied to the M/M/c wait. */
  variabilityFactor: number;
}

/**
 * G/G/c mean wait by Allen–Cunneen: Wq ≈ Wq(M/M/c) · (ca² + cs²) / 2.
 * @returns the metrics in AllenCunneenResult; times in the unit of 1/rate.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on a bad rate, c, or a negative coefficient of
 *   variation; GLB_ERR_ANALYTIC_UNSTABLE when ρ ≥ 1.
 */
export function allenCunneen(input: AllenCunneenInput): AllenCunneenResult {
  requireNonNegative('arrivalCv', input.arrivalCv);
  requireNonNegative('serviceCv', input.serviceCv);
  const mmc = erlangC(input);
  const variabilityFactor = (input.arrivalCv ** 2 + input.serviceCv ** 2) / 2;
  const meanWaitInQueue = mmc.meanWaitInQueue * variabilityFactor;
  return {
    utilisation: mmc.utilisation,
    probabilityOfWait: mmc.probabilityOfWait,
    meanWaitInQueue,
    meanResponseTime: meanWaitInQueue + 1 / input.serviceRate,
    meanQueueLength: input.arrivalRate * meanWaitInQueue,
    variabilityFactor,
  };
}
