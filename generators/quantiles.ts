// Continuous distributions as quantile tables built once at load: a per-record draw is one table lookup, with
// no Math.log/exp/cos per record. That is faster, and it keeps records identical across JavaScript engines
// (k6's goja and V8 may differ in the last bit of Math.exp; table entries are rounded, so a one-ulp difference
// at build time cannot change a record in practice).

// Inverse of the standard normal CDF: Peter Acklam's rational approximation (relative error < 1.15e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

export function normalQuantile(p: number): number {
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/** Table size: 2^10 equiprobable bins; a draw takes the top 10 bits of a 32-bit random number. */
export const QUANTILE_BITS = 10;
const SIZE = 1 << QUANTILE_BITS;

/** Bin midpoints of a lognormal(median, sigma), rounded to `decimals` and clamped to [min, max]. */
export function lognormalTable(
  median: number,
  sigma: number,
  decimals: number,
  min = 0,
  max = Infinity,
): Float64Array {
  const table = new Float64Array(SIZE);
  const factor = 10 ** decimals;
  for (let k = 0; k < SIZE; k++) {
    const x = median * Math.exp(sigma * normalQuantile((k + 0.5) / SIZE));
    table[k] = Math.min(max, Math.max(min, Math.round(x * factor) / factor));
  }
  return table;
}

/** Bin midpoints of an exponential with the given mean, floored to integers. */
export function exponentialIntTable(mean: number): Int32Array {
  const table = new Int32Array(SIZE);
  for (let k = 0; k < SIZE; k++) table[k] = Math.floor(-mean * Math.log(1 - (k + 0.5) / SIZE));
  return table;
}

/** Draw from a table with a uniform 32-bit integer. */
export function fromTable<T extends ArrayLike<number>>(table: T, u32: number): number {
  return table[u32 >>> (32 - QUANTILE_BITS)]!;
}
