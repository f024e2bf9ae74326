import { describe, expect, test } from 'vitest';
import { allenCunneen } from './allen-cunneen.js';
import { erlangC } from './erlang.js';
import { ANALYTIC_ERROR_CODES } from './errors.js';

describe('Allen–Cunneen G/G/c', () => {
  test.each([
    // c, λ, μ, ca, cs, Wq
    [1, 0.9, 1, 1, 1, 9], // M/M/1: exact
    [48, 40, 1, 1, 1, 0.019495], // M/M/48: exact (Erlang C)
    [1, 0.9, 1, 1, 0, 4.5], // M/D/1: Pollaczek–Khinchine, ρ/(2μ(1 − ρ)) = 4.5
    [1, 0.5, 1, 1, 0, 0.5], // M/D/1 at ρ = 0.5
    [2, 1.5, 1, 0, 0, 0], // D/D/c below saturation: nobody waits
    [10, 9, 1, 1, 2, 0.668732 * 2.5], // heavy-tailed service: factor (1 + 4)/2
  ])('c=%i λ=%d μ=%d ca=%d cs=%d ⇒ Wq≈%d', (servers, arrivalRate, serviceRate, arrivalCv, serviceCv, wq) => {
    const r = allenCunneen({ servers, arrivalRate, serviceRate, arrivalCv, serviceCv });
    expect(r.meanWaitInQueue).toBeCloseTo(wq, 5);
    expect(r.variabilityFactor).toBeCloseTo((arrivalCv ** 2 + serviceCv ** 2) / 2, 12);
    expect(r.meanResponseTime).toBeCloseTo(r.meanWaitInQueue + 1 / serviceRate, 12);
    expect(r.meanQueueLength).toBeCloseTo(arrivalRate * r.meanWaitInQueue, 12);
    expect(r.probabilityOfWait).toBe(erlangC({ servers, arrivalRate, serviceRate }).probabilityOfWait);
  });

  test.each([
    [
      { servers: 1, arrivalRate: 1, serviceRate: 1, arrivalCv: 1, serviceCv: 1 },
      ANALYTIC_ERROR_CODES.UNSTABLE,
    ],
    [
      { servers: 1, arrivalRate: 0.5, serviceRate: 1, arrivalCv: -1, serviceCv: 1 },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
    ],
    [
      { servers: 1, arrivalRate: 0.5, serviceRate: 1, arrivalCv: 1, serviceCv: NaN },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
    ],
  ])('%o throws %s', (input, code) => {
    expect(() => allenCunneen(input)).toThrow(expect.objectContaining({ code }));
  });
});
