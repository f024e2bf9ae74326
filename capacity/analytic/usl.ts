// Gunther's Universal Scalability Law: throughput at concurrency N,
//   X(N) = λN / (1 + σ(N − 1) + κN(N − 1)),
// λ the throughput of one client alone, σ the contention (the serial fraction: queueing for a shared resource,
// Amdahl's law when κ = 0), κ the coherency delay (crosstalk: each pair of clients exchanging state, which makes
// throughput peak at N* = √((1 − σ)/κ) and then fall).
// Source: N. J. Gunther, "Guerrilla Capacity Planning", Springer 2007, ch. 4–6; the fit by nonlinear least
// squares as in B. Schwartz and E. Fortune, "Forecasting MySQL Scalability with the Universal Scalability
// Law", Percona white paper, 2010. The least squares are ml-levenberg-marquardt's (a kept library).
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { ANALYTIC_ERROR_CODES, AnalyticError } from './errors.js';

export interface UslParameters {
  /** σ, contention, dimensionless in [0, 1]. */
  sigma: number;
  /** κ, coherency, dimensionless ≥ 0. */
  kappa: number;
  /** λ, throughput of one client with no contention, in requests per second (> 0). */
  lambda: number;
}

/** One measured level of a closed-model sweep. */
export interface ConcurrencyThroughput {
  /** N, clients (connections) kept busy (> 0). */
  concurrency: number;
  /** X, completions per second at that concurrency (> 0). */
  throughput: number;
}

export interface UslResidual extends ConcurrencyThroughput {
  /** X(N) of the fitted curve, per second. */
  fitted: number;
  /** throughput − fitted, per second. */
  residual: number;
}

export interface UslFit extends UslParameters {
  /** N* = √((1 − σ)/κ): the concurrency of peak throughput; Infinity when κ = 0 (no retrograde region);
   *  at least 1. */
  peakConcurrency: number;
  /** X(N*) per second; when κ = 0 the asymptote λ/σ (Infinity when σ = 0 too: linear scaling). */
  peakThroughput: number;
  /** Coefficient of determination of the fitted curve on the measured throughputs, 1 − SSres/SStot. */
  rSquared: number;
  /** One row per input row, in input order. */
  residuals: UslResidual[];
  /** Asymptotic standard errors of σ, κ, λ (s²(JᵀJ)⁻¹ at the optimum); null with 3 rows (no degrees of
   *  freedom left) or a singular Jacobian. With 3 % noise on 7 levels (1…64) expect σ and κ only to ±10–30 %. */
  standardErrors: UslParameters | null;
}

/**
 * X(N) for the given parameters, per second.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID when N < 1 (a number of clients; below one the
 *   denominator can reach 0), or the parameters are outside σ ∈ [0, 1], κ ≥ 0, λ > 0 (all finite).
 */
export function uslThroughput({ sigma, kappa, lambda }: UslParameters, concurrency: number): number {
  if (!Number.isFinite(concurrency) || concurrency < 1) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `concurrency must be ≥ 1 (clients); got ${concurrency}`,
    );
  }
  if (
    !(sigma >= 0 && sigma <= 1) ||
    !(kappa >= 0 && Number.isFinite(kappa)) ||
    !(lambda > 0 && Number.isFinite(lambda))
  ) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `USL parameters must be σ in [0, 1], κ ≥ 0 and λ > 0, all finite; got σ=${sigma}, κ=${kappa}, λ=${lambda}`,
    );
  }
  const n = concurrency;
  return (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

/**
 * N* = √((1 − σ)/κ), Infinity when κ = 0, and X(N*) (or the κ = 0 asymptote λ/σ). N* below 1 (σ near 1 with
 * κ > 0: throughput falls from the second client on) is reported as 1, the least concurrency there is.
 */
export function uslPeak(p: UslParameters): { peakConcurrency: number; peakThroughput: number } {
  if (p.kappa <= 0)
    return { peakConcurrency: Infinity, peakThroughput: p.sigma > 0 ? p.lambda / p.sigma : Infinity };
  const peakConcurrency = Math.max(1, Math.sqrt(Math.max(0, 1 - p.sigma) / p.kappa));
  return { peakConcurrency, peakThroughput: uslThroughput(p, peakConcurrency) };
}

/**
 * Fits (σ, κ, λ) to measured (concurrency, throughput) rows by Levenberg–Marquardt, with σ ∈ [0, 1], κ ≥ 0,
 * λ > 0. Residuals are relative to each throughput (measurement noise grows with the rate), and the
 * start comes from Gunther's linearisation N·λ₀/X − 1 = σ(N − 1) + κN(N − 1), λ₀ = max X/N (the lowest N).
 * Rows at the same concurrency are all used (repeats average out).
 * @param rows at least 3 distinct concurrencies, every value finite, concurrency ≥ 1, throughput > 0.
 * @throws AnalyticError GLB_ERR_ANALYTIC_INPUT_INVALID on fewer than 3 distinct concurrencies, N < 1 or X ≤ 0;
 *   GLB_ERR_ANALYTIC_FIT_FAILED when the optimiser returns non-finite parameters.
 */
export function fitUsl(rows: readonly ConcurrencyThroughput[]): UslFit {
  validateRows(rows);
  const nMax = Math.max(...rows.map((r) => r.concurrency));
  const lambda0 = Math.max(...rows.map((r) => r.throughput / r.concurrency));
  const start = linearisedStart(rows, lambda0);
  // Scaled parameters so the optimiser sees numbers of one magnitude: [λ/λ₀, σ, κ·N_max]. Relative residuals
  // (X(N)/X − 1) without the library's weights option: x is the row index and every target is 1.
  const ns = rows.map((r) => r.concurrency);
  const xs = rows.map((r) => r.throughput / lambda0);
  const denominator = (s: number, k: number, n: number): number => 1 + s * (n - 1) + (k / nMax) * n * (n - 1);
  const model =
    ([l, s, k]: number[]) =>
    (i: number): number =>
      (l! * ns[i]!) / denominator(s!, k!, ns[i]!) / xs[i]!;
  const jacobian =
    ([l, s, k]: number[]) =>
    (i: number): number[] => {
      const n = ns[i]!;
      const d = denominator(s!, k!, n);
      const ratio = (l! * n) / d / xs[i]!;
      return [n / d / xs[i]!, (-ratio * (n - 1)) / d, (-ratio * n * (n - 1)) / (nMax * d)];
    };
  const result = levenbergMarquardt({ x: rows.map((_, i) => i), y: rows.map(() => 1) }, model, {
    initialValues: [1, start.sigma, start.kappa * nMax],
    minValues: [1e-12, 0, 0],
    maxValues: [1e6, 1, 1e9],
    jacobianFunction: jacobian,
    maxIterations: 500,
    errorTolerance: 1e-14,
  });
  const [l, sigma, k] = result.parameterValues;
  const params: UslParameters = { lambda: l! * lambda0, sigma: sigma!, kappa: k! / nMax };
  if (![params.lambda, params.sigma, params.kappa].every(Number.isFinite)) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.FIT_FAILED,
      'the USL fit did not converge to finite parameters; check the rows are one sweep of one endpoint',
    );
  }
  const residuals = rows.map((r) => {
    const fitted = uslThroughput(params, r.concurrency);
    return { concurrency: r.concurrency, throughput: r.throughput, fitted, residual: r.throughput - fitted };
  });
  const mean = rows.reduce((sum, r) => sum + r.throughput, 0) / rows.length;
  const ssTot = rows.reduce((sum, r) => sum + (r.throughput - mean) ** 2, 0);
  const ssRes = residuals.reduce((sum, r) => sum + r.residual ** 2, 0);
  const gradient = jacobian(result.parameterValues);
  const scaled = standardErrorsOf(
    rows.map((_, i) => gradient(i)),
    result.parameterError,
    rows.length,
  );
  const standardErrors =
    scaled === null ? null : { lambda: scaled[0]! * lambda0, sigma: scaled[1]!, kappa: scaled[2]! / nMax };
  return {
    ...params,
    ...uslPeak(params),
    rSquared: ssTot > 0 ? 1 - ssRes / ssTot : 1,
    residuals,
    standardErrors,
  };
}

/** √diag(s²(JᵀJ)⁻¹), s² = SSres/(n − p), for p = 3 parameters; null when n ≤ 3 or JᵀJ is singular. */
function standardErrorsOf(jacobianRows: number[][], ssRes: number, n: number): number[] | null {
  if (n <= 3) return null;
  // JᵀJ is symmetric: a b c / b e f / c f k.
  const dot = (p: number, q: number): number => jacobianRows.reduce((sum, r) => sum + r[p]! * r[q]!, 0);
  const [a, b, c, e, f, k] = [dot(0, 0), dot(0, 1), dot(0, 2), dot(1, 1), dot(1, 2), dot(2, 2)];
  const [d, g, h] = [b, c, f];
  const det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
  if (!(Math.abs(det) > 0)) return null;
  const diagonal = [(e * k - f * h) / det, (a * k - c * g) / det, (a * e - b * d) / det];
  const s2 = ssRes / (n - 3);
  return diagonal.map((v) => Math.sqrt(Math.max(0, v * s2)));
}

function validateRows(rows: readonly ConcurrencyThroughput[]): void {
  for (const [i, r] of rows.entries()) {
    if (r.concurrency > 0 && r.concurrency < 1) {
      throw new AnalyticError(
        ANALYTIC_ERROR_CODES.INPUT_INVALID,
        `row ${i}: concurrency must be ≥ 1 (clients); got ${r.concurrency}. The USL's N counts clients`,
      );
    }
    for (const key of ['concurrency', 'throughput'] as const) {
      if (!Number.isFinite(r[key]) || r[key] <= 0) {
        throw new AnalyticError(
          ANALYTIC_ERROR_CODES.INPUT_INVALID,
          `row ${i}: ${key} must be a finite number > 0; got ${r[key]}. Drop levels that completed no request.`,
        );
      }
    }
  }
  const distinct = new Set(rows.map((r) => r.concurrency)).size;
  if (distinct < 3) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `the USL has 3 parameters: measure at least 3 distinct concurrencies (got ${distinct}), ` +
        'e.g. --concurrency 1,2,4,8,16,32,64',
    );
  }
}

/** Least squares of D(N) = N·λ₀/X − 1 on (N − 1) and N(N − 1), no intercept; clamped into the bounds. */
function linearisedStart(
  rows: readonly ConcurrencyThroughput[],
  lambda0: number,
): { sigma: number; kappa: number } {
  let saa = 0;
  let sab = 0;
  let sbb = 0;
  let say = 0;
  let sby = 0;
  for (const r of rows) {
    const a = r.concurrency - 1;
    const b = r.concurrency * (r.concurrency - 1);
    const d = (r.concurrency * lambda0) / r.throughput - 1;
    saa += a * a;
    sab += a * b;
    sbb += b * b;
    say += a * d;
    sby += b * d;
  }
  const det = saa * sbb - sab * sab;
  if (!(Math.abs(det) > 0)) return { sigma: 0.01, kappa: 1e-4 };
  const sigma = (say * sbb - sby * sab) / det;
  const kappa = (sby * saa - say * sab) / det;
  return { sigma: Math.min(Math.max(sigma, 1e-6), 0.99), kappa: Math.max(kappa, 1e-9) };
}
