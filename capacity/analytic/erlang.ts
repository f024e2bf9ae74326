// Erlang B and Erlang C, and the M/M/c queue's metrics from them.
// Erlang C by the Erlang B recursion, never by factorials and powers: a^c/c! overflows a double past c ≈ 170
// and loses precision well before, while B(k) = a·B(k−1)/(k + a·B(k−1)) stays in [0, 1] at every step, so
// c in the thousands (a registry pool, a national call centre) is as exact as c = 1.
// Sources: A. K. Erlang, "Solution of some problems in the theory of probabilities of significance in
// automatic telephone exchanges", Elektroteknikeren 13, 1917; the recursion and C = c·B/(c − a(1−B)) as in
// L. Kleinrock, "Queueing Systems, Vol. 1", 1975, §3.6, and G. Zeng, "Two common properties of the Erlang-B
// function, Erlang-C function, and Engset blocking function", Math. and Computer Modelling 37, 2003.
import { ANALYTIC_ERROR_CODES, AnalyticError, requirePositive } from './errors.js';

/**
 * Erlang B: the probability an arrival finds all c servers busy in a loss system (M/M/c/c).
 * @param servers c, a whole number ≥ 1. @param offeredLoad a = λ/μ in erlangs (≥ 0).
 * @returns B(c, a) in [0, 1].
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID when c is not a whole number ≥ 1 or a < 0.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  requireServers(servers);
  if (!Number.isFinite(offeredLoad) || offeredLoad < 0) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `offeredLoad must be a finite number ≥ 0 (erlangs = arrival rate / service rate); got ${offeredLoad}`,
    );
  }
  let b = 1; // B(0, a) = 1
  for (let k = 1; k <= servers && b > 0; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  // b only falls once k > a, and 0 stays 0: stopping there makes c = 10⁹ at a few erlangs instant (it
  // took 22 s of multiplying zeros).
  return b;
}

export interface ErlangCInput {
  /** c, identical servers (a whole number ≥ 1). */
  servers: number;
  /** λ, arrivals per time unit (> 0). */
  arrivalRate: number;
  /** μ, completions per time unit by one busy server (> 0): 1 / mean service time. */
  serviceRate: number;
}

export interface ErlangCResult {
  /** ρ = λ/(cμ), the fraction of time each server is busy, in [0, 1). */
  utilisation: number;
  /** C(c, a): the probability an arrival waits in the queue (Erlang C). */
  probabilityOfWait: number;
  /** Wq = C/(cμ − λ), mean time in the queue, in the time unit of 1/rate. */
  meanWaitInQueue: number;
  /** W = Wq + 1/μ, mean time in the system, in the time unit of 1/rate. */
  meanResponseTime: number;
  /** Lq = λ·Wq (Little), mean number waiting. */
  meanQueueLength: number;
  /** L = λ·W (Little), mean number in the system (waiting and in service). */
  meanNumberInSystem: number;
}

/**
 * The M/M/c queue: Poisson arrivals, exponential service, c servers, one FIFO queue, infinite room.
 * Computes C(c, a) = c·B/(c − a(1 − B)) from the Erlang B recursion, a = λ/μ.
 * @returns the metrics in ErlangCResult; times in the unit of 1/rate (per-second rates give seconds).
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on c not a whole number ≥ 1 or a rate ≤ 0;
 *   GLB_ERR_ANALYTIC_UNSTABLE when ρ = λ/(cμ) ≥ 1 (the queue grows without bound: no steady state).
 */
export function erlangC({ servers, arrivalRate, serviceRate }: ErlangCInput): ErlangCResult {
  requireServers(servers);
  requirePositive('arrivalRate', arrivalRate);
  requirePositive('serviceRate', serviceRate);
  const a = arrivalRate / serviceRate;
  const rho = a / servers;
  if (rho >= 1) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.UNSTABLE,
      `M/M/c is unstable at utilisation ρ = λ/(cμ) = ${rho.toPrecision(4)} ≥ 1 (c=${servers}, λ=${arrivalRate}, ` +
        `μ=${serviceRate}): the queue grows without bound. Add servers (c > ${Math.floor(a)}) or lower the rate.`,
    );
  }
  const b = erlangB(servers, a);
  const probabilityOfWait = (servers * b) / (servers - a * (1 - b));
  const meanWaitInQueue = probabilityOfWait / (servers * serviceRate - arrivalRate);
  const meanResponseTime = meanWaitInQueue + 1 / serviceRate;
  return {
    utilisation: rho,
    probabilityOfWait,
    meanWaitInQueue,
    meanResponseTime,
    meanQueueLength: arrivalRate * meanWaitInQueue,
    meanNumberInSystem: arrivalRate * meanResponseTime,
  };
}

function requireServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 1) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `servers must be a whole number ≥ 1; got ${servers}`,
    );
  }
}
