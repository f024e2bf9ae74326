import { describe, expect, test } from 'vitest';
import { fitServiceDemand } from './demand-fit.js';
import { ANALYTIC_ERROR_CODES } from './errors.js';

describe('fitServiceDemand: U = U₀ + D·X', () => {
  test.each([
    // D (s/request), U₀ (cores), throughputs
    [0.001, 0.06, [10, 20, 40, 80, 130, 245]],
    [0.004, 0, [50, 100, 200]],
    [0.0125, 0.3, [1, 2, 4]],
  ])('recovers D=%d, U₀=%d exactly from points on the line', (d, u0, xs) => {
    const fit = fitServiceDemand(xs.map((x) => ({ throughput: x, utilisation: u0 + d * x })));
    expect(fit.serviceDemand).toBeCloseTo(d, 12);
    expect(fit.backgroundUtilisation).toBeCloseTo(u0, 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  test('the pooled ratio overstates D at low throughput; the slope does not', () => {
    const samples = [10, 40, 160].map((x) => ({ throughput: x, utilisation: 0.05 + 0.001 * x }));
    const pooled =
      samples.reduce((a, s) => a + s.utilisation, 0) / samples.reduce((a, s) => a + s.throughput, 0);
    expect(pooled).toBeGreaterThan(0.0012);
    expect(fitServiceDemand(samples).serviceDemand).toBeCloseTo(0.001, 12);
  });

  test('the same utilisation at every throughput is D = 0, not a negative demand from rounding', () => {
    // 0.1 × 3 / 3 = 0.10000000000000002: the slope came out −1e-19 and the fit threw FIT_FAILED.
    const fit = fitServiceDemand([10, 100, 200].map((x) => ({ throughput: x, utilisation: 0.1 })));
    expect(fit).toEqual({ serviceDemand: 0, backgroundUtilisation: 0.1, rSquared: 1 });
  });

  test('a negative intercept (noise around no idle cost) refits through the origin', () => {
    const fit = fitServiceDemand([
      { throughput: 10, utilisation: 0.009 },
      { throughput: 100, utilisation: 0.1 },
      { throughput: 200, utilisation: 0.201 },
    ]);
    expect(fit.backgroundUtilisation).toBe(0);
    expect(fit.serviceDemand).toBeCloseTo(0.001, 4);
  });

  test.each([
    [
      'one sample',
      [{ throughput: 10, utilisation: 0.1 }],
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /at least 2 samples/,
    ],
    [
      'a flat throughput',
      [
        { throughput: 80, utilisation: 0.3 },
        { throughput: 85, utilisation: 0.31 },
        { throughput: 75, utilisation: 0.26 },
      ],
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /differ by 1.5× or more/,
    ],
    [
      'a flat throughput measured to the last digit (the message reads, four significant digits)',
      [
        { throughput: 44.773163442904675, utilisation: 0.2 },
        { throughput: 60.33372052375851, utilisation: 0.25 },
      ],
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /\(got 2, from 44\.77 to 60\.33\/s\)/,
    ],
    [
      'falling utilisation',
      [
        { throughput: 10, utilisation: 0.5 },
        { throughput: 100, utilisation: 0.1 },
      ],
      ANALYTIC_ERROR_CODES.FIT_FAILED,
      /negative demand/,
    ],
    [
      'a negative value',
      [
        { throughput: 10, utilisation: -0.5 },
        { throughput: 100, utilisation: 0.1 },
      ],
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /utilisation must be/,
    ],
  ])('%s: %s', (_name, samples, code, message) => {
    expect(() => fitServiceDemand(samples)).toThrow(message);
    expect(() => fitServiceDemand(samples)).toThrow(expect.objectContaining({ code }));
  });
});
