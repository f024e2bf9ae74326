import { describe, expect, test } from 'vitest';
import { erlangB, erlangC } from './erlang.js';
import { ANALYTIC_ERROR_CODES, AnalyticError } from './errors.js';

/** Erlang C by the textbook sum, in log space (an independent oracle for large c). */
function erlangCBySum(c: number, a: number): number {
  const logTerms: number[] = [];
  let logTerm = 0; // log(a^0/0!)
  for (let k = 0; k < c; k++) {
    logTerms.push(logTerm);
    logTerm += Math.log(a) - Math.log(k + 1);
  }
  const logTail = logTerm + Math.log(c / (c - a)); // log(a^c/c! · c/(c − a))
  const max = Math.max(logTail, ...logTerms);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - max), 0) + Math.exp(logTail - max);
  return Math.exp(logTail - max) / sum;
}

describe('erlangC (M/M/c)', () => {
  test.each([
    // servers, λ, μ, P(wait), Wq — the table, six decimals
    [1, 0.9, 1, 0.9, 9],
    [2, 1.5, 1, 0.642857, 1.285714],
    [10, 9, 1, 0.668732, 0.668732],
    [48, 40, 1, 0.155961, 0.019495],
  ])('c=%i λ=%d μ=%d: P(wait)=%d, Wq=%d', (servers, arrivalRate, serviceRate, pWait, wq) => {
    const r = erlangC({ servers, arrivalRate, serviceRate });
    expect(r.probabilityOfWait.toFixed(6)).toBe(pWait.toFixed(6));
    expect(r.meanWaitInQueue.toFixed(6)).toBe(wq.toFixed(6));
    expect(r.utilisation).toBeCloseTo(arrivalRate / (servers * serviceRate), 12);
    expect(r.meanResponseTime).toBeCloseTo(r.meanWaitInQueue + 1 / serviceRate, 12);
    expect(r.meanQueueLength).toBeCloseTo(arrivalRate * r.meanWaitInQueue, 12); // Little
    expect(r.meanNumberInSystem).toBeCloseTo(arrivalRate * r.meanResponseTime, 12);
  });

  test('M/M/1 closed forms: P(wait) = ρ, Wq = ρ/(μ − λ)', () => {
    const r = erlangC({ servers: 1, arrivalRate: 3, serviceRate: 4 });
    expect(r.probabilityOfWait).toBeCloseTo(0.75, 12);
    expect(r.meanWaitInQueue).toBeCloseTo(0.75, 12);
    expect(r.meanResponseTime).toBeCloseTo(1, 12);
  });

  test('time unit follows the rates: per-minute rates give minutes, per-second give 60× smaller', () => {
    const perSecond = erlangC({ servers: 10, arrivalRate: 9, serviceRate: 1 });
    const perMinute = erlangC({ servers: 10, arrivalRate: 9 / 60, serviceRate: 1 / 60 });
    expect(perMinute.meanWaitInQueue).toBeCloseTo(perSecond.meanWaitInQueue * 60, 9);
  });

  test.each([
    [2000, 1950],
    [2000, 1999],
    [5000, 4900],
  ])('stable for c=%i, λ=%i (where a^c/c! overflows a double)', (servers, arrivalRate) => {
    const r = erlangC({ servers, arrivalRate, serviceRate: 1 });
    expect(Number.isFinite(r.probabilityOfWait)).toBe(true);
    expect(r.probabilityOfWait).toBeGreaterThan(0);
    expect(r.probabilityOfWait).toBeLessThan(1);
    expect(r.probabilityOfWait).toBeCloseTo(erlangCBySum(servers, arrivalRate), 9);
    expect(r.meanWaitInQueue).toBeCloseTo(r.probabilityOfWait / (servers - arrivalRate), 12);
  });

  test.each([
    [
      { servers: 1, arrivalRate: 1, serviceRate: 1 },
      ANALYTIC_ERROR_CODES.UNSTABLE,
      /ρ = λ\/\(cμ\) = 1\.000 ≥ 1/,
    ],
    [{ servers: 4, arrivalRate: 5, serviceRate: 1 }, ANALYTIC_ERROR_CODES.UNSTABLE, /Add servers \(c > 5\)/],
    [
      { servers: 0, arrivalRate: 1, serviceRate: 2 },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /servers must be a whole/,
    ],
    [
      { servers: 2.5, arrivalRate: 1, serviceRate: 2 },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /servers must be a whole/,
    ],
    [
      { servers: 2, arrivalRate: -1, serviceRate: 2 },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /arrivalRate must be/,
    ],
    [
      { servers: 2, arrivalRate: 0, serviceRate: 2 },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /arrivalRate must be/,
    ],
    [
      { servers: 2, arrivalRate: 1, serviceRate: Number.NaN },
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      /serviceRate/,
    ],
  ])('%o throws %s', (input, code, message) => {
    let thrown: unknown;
    try {
      erlangC(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AnalyticError);
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as AnalyticError).code).toBe(code);
    expect((thrown as AnalyticError).message).toMatch(message);
  });
});

describe('erlangB (M/M/c/c)', () => {
  test.each([
    // servers, offered load (erlangs), blocking: values from the standard Erlang B tables
    [1, 1, 0.5],
    [2, 1, 0.2],
    [5, 2, 0.036697],
    [10, 5, 0.018385],
    [1, 0, 0],
  ])('B(%i, %d) = %d', (servers, load, blocking) => {
    expect(erlangB(servers, load)).toBeCloseTo(blocking, 6);
  });

  test('rejects a negative load', () => {
    expect(() => erlangB(3, -1)).toThrow(/offeredLoad must be/);
  });

  test('a billion servers at a few erlangs: 0, without walking all of them (it took 22 s)', () => {
    expect(erlangB(1e9, 10)).toBe(0);
    expect(erlangC({ servers: 1e9, arrivalRate: 10, serviceRate: 1 }).probabilityOfWait).toBe(0);
  });
});
