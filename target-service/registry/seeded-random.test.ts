import { describe, expect, it } from 'vitest';
import { lognormalByMean, seededRandom, stubRng } from './seeded-random.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});

describe('lognormalByMean', () => {
  it.each([
    { mean: 80, sigma: 0.5 },
    { mean: 5, sigma: 1 },
    { mean: 2000, sigma: 0.25 },
  ])('mean $mean ms, sigma $sigma: sample mean ≈ mean and ln(x) has sd ≈ sigma', ({ mean, sigma }) => {
    const rng = stubRng(42);
    const n = 50_000;
    const xs = Array.from({ length: n }, () => lognormalByMean(rng, mean, sigma));
    const sampleMean = xs.reduce((a, b) => a + b, 0) / n;
    const logs = xs.map(Math.log);
    const logMean = logs.reduce((a, b) => a + b, 0) / n;
    const logSd = Math.sqrt(logs.reduce((a, b) => a + (b - logMean) ** 2, 0) / (n - 1));
    expect(sampleMean / mean).toBeGreaterThan(0.97);
    expect(sampleMean / mean).toBeLessThan(1.03);
    expect(logMean).toBeCloseTo(Math.log(mean) - (sigma * sigma) / 2, 1);
    expect(logSd).toBeCloseTo(sigma, 1);
  });

  it('is the mean itself with sigma 0, and 0 with mean 0', () => {
    const rng = stubRng(3);
    expect(lognormalByMean(rng, 25, 0)).toBe(25);
    expect(lognormalByMean(rng, 0, 0.5)).toBe(0);
  });
});
