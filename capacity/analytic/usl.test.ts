import { describe, expect, test } from 'vitest';
import { Rng, streamKey } from '../../generators/prng.js';
import { ANALYTIC_ERROR_CODES } from './errors.js';
import { type ConcurrencyThroughput, fitUsl, type UslParameters, uslPeak, uslThroughput } from './usl.js';

const SETS: UslParameters[] = [
  { sigma: 0.05, kappa: 0.001, lambda: 100 },
  { sigma: 0.1, kappa: 0.0005, lambda: 1000 },
  { sigma: 0.2, kappa: 0.005, lambda: 40 },
];
const PROBE_LEVELS = [1, 2, 4, 8, 16, 32, 64];
const DENSE_LEVELS = Array.from({ length: 128 }, (_, i) => i + 1);

/** Synthetic sweep: X(N)·(1 + noise), noise drawn from a seeded stream. */
function sweep(p: UslParameters, levels: number[], seed: number, noise: (rng: Rng) => number) {
  const rng = new Rng(streamKey(seed, 0, 0x05e1));
  return levels.map((n) => ({ concurrency: n, throughput: uslThroughput(p, n) * (1 + noise(rng)) }));
}
const relativeError = (got: number, want: number) => Math.abs(got / want - 1);

describe('USL X(N)', () => {
  test.each([
    // σ, κ, λ, N, X(N)
    [0, 0, 10, 8, 80], // linear scaling
    [0.1, 0, 10, 11, 55], // Amdahl: 110 / (1 + 1)
    [0.05, 0.001, 100, 16, 1600 / (1 + 0.75 + 0.24)],
  ])('σ=%d κ=%d λ=%d: X(%i)=%d', (sigma, kappa, lambda, n, x) => {
    expect(uslThroughput({ sigma, kappa, lambda }, n)).toBeCloseTo(x, 9);
  });

  test.each([
    [{ sigma: 0.05, kappa: 0.001, lambda: 100 }, Math.sqrt(950)],
    [{ sigma: 0.1, kappa: 0, lambda: 10 }, Infinity],
    [{ sigma: 1, kappa: 0.004, lambda: 60 }, 1], // fully serial with crosstalk: best alone
  ])('peak of %o at N*=%d', (p, nStar) => {
    const peak = uslPeak(p);
    expect(peak.peakConcurrency).toBeCloseTo(nStar, 9);
    if (Number.isFinite(nStar)) {
      expect(peak.peakThroughput).toBeGreaterThan(uslThroughput(p, Math.floor(nStar)) - 1e-9);
      expect(peak.peakThroughput).toBeGreaterThan(uslThroughput(p, Math.ceil(nStar)) - 1e-9);
    } else {
      expect(peak.peakThroughput).toBeCloseTo(p.lambda / p.sigma, 9); // the Amdahl asymptote
    }
  });
});

describe('fitUsl', () => {
  test.each(SETS)('recovers %o exactly from noise-free probe levels', (p) => {
    const fit = fitUsl(sweep(p, PROBE_LEVELS, 1, () => 0));
    expect(relativeError(fit.sigma, p.sigma)).toBeLessThan(1e-6);
    expect(relativeError(fit.kappa, p.kappa)).toBeLessThan(1e-6);
    expect(relativeError(fit.lambda, p.lambda)).toBeLessThan(1e-6);
    expect(fit.rSquared).toBeCloseTo(1, 9);
    expect(relativeError(fit.peakConcurrency, Math.sqrt((1 - p.sigma) / p.kappa))).toBeLessThan(1e-6);
  });

  // 3 % noise: every throughput off by up to ±3 % (uniform), as run-to-run noise on a quiet machine. A dense
  // sweep (N = 1…128): with only 7 levels the same noise leaves σ and κ uncertain by ±10–30 % (next test).
  test.each(SETS.flatMap((p) => [1, 2, 3, 4, 5].map((seed) => [p, seed] as const)))(
    'recovers σ and κ of %o within 5 percent with ±3-percent noise, seed %i',
    (p, seed) => {
      const fit = fitUsl(sweep(p, DENSE_LEVELS, seed, (rng) => 0.03 * (2 * rng.float() - 1)));
      expect(relativeError(fit.sigma, p.sigma)).toBeLessThan(0.05);
      expect(relativeError(fit.kappa, p.kappa)).toBeLessThan(0.05);
      expect(relativeError(fit.lambda, p.lambda)).toBeLessThan(0.05);
      expect(fit.rSquared).toBeGreaterThan(0.95);
    },
  );

  test.each(SETS)(
    '7-level probe, 3-percent Gaussian noise: the standard errors cover the truth of %o',
    (p) => {
      let covered = 0;
      const seeds = 40;
      for (let seed = 1; seed <= seeds; seed++) {
        const fit = fitUsl(sweep(p, PROBE_LEVELS, seed, (rng) => 0.03 * rng.normal()));
        const se = fit.standardErrors;
        expect(se).not.toBeNull();
        // 4 degrees of freedom: |t| < 2.78 holds 95 % of the time; allow a few misses out of 40.
        if (
          Math.abs(fit.sigma - p.sigma) < 2.78 * se!.sigma &&
          Math.abs(fit.kappa - p.kappa) < 2.78 * se!.kappa
        ) {
          covered++;
        }
      }
      expect(covered).toBeGreaterThanOrEqual(32);
    },
  );

  test('residuals come back in input order with fitted + residual = measured', () => {
    const rows = sweep(SETS[0]!, [8, 1, 4, 2], 9, (rng) => 0.03 * rng.normal());
    const fit = fitUsl(rows);
    expect(fit.residuals.map((r) => r.concurrency)).toEqual([8, 1, 4, 2]);
    for (const [i, r] of fit.residuals.entries()) {
      expect(r.throughput).toBe(rows[i]!.throughput);
      expect(r.fitted + r.residual).toBeCloseTo(r.throughput, 9);
    }
  });

  test('repeated levels count: three sweeps of 3 levels fit', () => {
    const p = SETS[2]!;
    const rows = [1, 2, 3].flatMap((seed) => sweep(p, [1, 8, 32], seed, (rng) => 0.01 * rng.normal()));
    const fit = fitUsl(rows);
    expect(relativeError(fit.kappa, p.kappa)).toBeLessThan(0.5);
  });

  test('exactly 3 levels: a fit, but no standard errors (no degrees of freedom)', () => {
    const fit = fitUsl(sweep(SETS[0]!, [1, 8, 64], 1, () => 0));
    expect(fit.standardErrors).toBeNull();
    expect(relativeError(fit.kappa, SETS[0]!.kappa)).toBeLessThan(1e-6);
  });

  test('linear data fits σ ≈ 0, κ ≈ 0: no peak in sight', () => {
    const fit = fitUsl([1, 2, 4, 8].map((n) => ({ concurrency: n, throughput: 50 * n })));
    expect(fit.kappa).toBeLessThan(1e-6);
    expect(fit.sigma).toBeLessThan(1e-6);
    expect(fit.peakConcurrency).toBeGreaterThan(1000);
    expect(fit.lambda).toBeCloseTo(50, 6);
  });

  test.each<[string, ConcurrencyThroughput[], RegExp]>([
    ['no rows', [], /at least 3 distinct concurrencies \(got 0\)/],
    [
      'two distinct levels',
      [
        { concurrency: 1, throughput: 10 },
        { concurrency: 2, throughput: 19 },
        { concurrency: 2, throughput: 18 },
      ],
      /at least 3 distinct concurrencies \(got 2\)/,
    ],
    [
      'zero throughput',
      [
        { concurrency: 1, throughput: 10 },
        { concurrency: 2, throughput: 0 },
        { concurrency: 4, throughput: 30 },
      ],
      /row 1: throughput must be a finite number > 0; got 0/,
    ],
    [
      'negative concurrency',
      [
        { concurrency: -1, throughput: 10 },
        { concurrency: 2, throughput: 19 },
        { concurrency: 4, throughput: 30 },
      ],
      /row 0: concurrency must be/,
    ],
    [
      // N is a number of clients: at N = 0.5 the fit returned λ ≈ 1e-10/s with R² = −1.6, as if it were one.
      'a fractional concurrency below one client',
      [
        { concurrency: 0.5, throughput: 1 },
        { concurrency: 2, throughput: 190 },
        { concurrency: 4, throughput: 340 },
      ],
      /row 0: concurrency must be ≥ 1 \(clients\); got 0.5/,
    ],
    [
      'NaN throughput',
      [
        { concurrency: 1, throughput: Number.NaN },
        { concurrency: 2, throughput: 19 },
        { concurrency: 4, throughput: 30 },
      ],
      /row 0: throughput/,
    ],
  ])('%s: GLB_ERR_ANALYTIC_INPUT_INVALID', (_name, rows, message) => {
    expect(() => fitUsl(rows)).toThrow(message);
    expect(() => fitUsl(rows)).toThrow(expect.objectContaining({ code: ANALYTIC_ERROR_CODES.INPUT_INVALID }));
  });
});

describe('uslThroughput input', () => {
  test.each<[string, UslParameters, number]>([
    ['σ below 0', { sigma: -0.1, kappa: 0.01, lambda: 100 }, 4],
    ['σ above 1', { sigma: 1.5, kappa: 0.01, lambda: 100 }, 4],
    ['κ below 0', { sigma: 0.1, kappa: -0.01, lambda: 100 }, 4],
    ['λ NaN', { sigma: 0.1, kappa: 0.01, lambda: Number.NaN }, 4],
    ['λ 0', { sigma: 0.1, kappa: 0.01, lambda: 0 }, 4],
    ['N below one client', { sigma: 0.1, kappa: 0.01, lambda: 100 }, 0.5],
  ])('%s: GLB_ERR_ANALYTIC_INPUT_INVALID, not a throughput', (_name, p, n) => {
    expect(() => uslThroughput(p, n)).toThrow(
      expect.objectContaining({ code: ANALYTIC_ERROR_CODES.INPUT_INVALID }),
    );
  });
});
