// Replications → estimates: mean, 95 % confidence half-width (Student's t with R − 1 degrees of freedom),
// min and max. Rounded so that sim.json stays readable and byte-stable.
import type { Estimate } from '../types.js';

// t_{0.975, df} for df = 1 … 30 (standard tables); beyond 30 the normal 1.96 is within 2 %.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function studentT975(df: number): number {
  return df < 1 ? 0 : (T975[df - 1] ?? 1.96);
}

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { mean: 0, ci95: 0, min: 0, max: 0 };
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const ci95 = n > 1 ? (studentT975(n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n) : 0;
  return { mean: round(mean), ci95: round(ci95), min: round(min), max: round(max) };
}

/** Six significant digits: enough for any figure we report, and stable across runs of the same seed. */
export function round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Number(x.toPrecision(6));
}
