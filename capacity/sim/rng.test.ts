import { describe, expect, test } from 'vitest';
import { SimRng } from './rng.js';

describe('SimRng', () => {
  test('same seed, same numbers; another seed, others', () => {
    const draw = (seed: number) => {
      const r = new SimRng(seed);
      return Array.from({ length: 50 }, () => r.exponential(2));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  test('exponential draws (ziggurat) follow Exp(mean): moments, tail and Kolmogorov–Smirnov distance', () => {
    const r = new SimRng(11);
    const n = 400_000;
    const mean = 0.25;
    const xs = new Float64Array(n);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = r.exponential(mean);
      expect(x).toBeGreaterThanOrEqual(0);
      xs[i] = x;
      sum += x;
      sumSq += x * x;
    }
    const m = sum / n;
    // Standard error of the mean: mean/√n = 0.0004; of the variance: √8·mean²/√n ≈ 0.00028.
    expect(Math.abs(m - mean)).toBeLessThan(0.002);
    expect(Math.abs(sumSq / n - m * m - mean * mean)).toBeLessThan(0.0015);
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const cdf = 1 - Math.exp(-xs[i]! / mean);
      d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
    }
    // KS critical value at α = 0.001: 1.95/√n ≈ 0.0031.
    expect(d).toBeLessThan(0.0031);
    // The base layer's tail (beyond 7.7 means) is reached: P = e^−7.7 · n ≈ 180 draws.
    const tail = xs.filter((x) => x > 7.697 * mean).length;
    expect(tail).toBeGreaterThan(120);
    expect(tail).toBeLessThan(250);
  });
});
