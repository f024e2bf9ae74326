import { describe, expect, test } from 'vitest';
import { ANALYTIC_ERROR_CODES } from './errors.js';
import { forcedFlow, serviceDemand, serviceDemandFromUtilisation, utilisation } from './operational-laws.js';

describe('utilisation law, U = X·S', () => {
  test.each([
    [50, 0.012, 0.6],
    [0, 0.5, 0],
    [200, 0.01, 2], // two cores' worth of CPU
  ])('X=%d/s, S=%d s ⇒ U=%d', (throughput, serviceTime, u) => {
    expect(utilisation({ throughput, serviceTime })).toBeCloseTo(u, 12);
  });
});

describe('service demand law, D = B/C = U/X', () => {
  test.each([
    // busy s, completions, D s/request: e.g. 12.4 CPU seconds over 1,000 sign-ups
    [12.4, 1000, 0.0124],
    [0, 10, 0],
    [3, 3, 1],
  ])('B=%d s over C=%d ⇒ D=%d s', (busyTime, completions, demand) => {
    expect(serviceDemand({ busyTime, completions })).toBeCloseTo(demand, 12);
  });

  test('D = U/X agrees with D = B/C over the same window', () => {
    const window = 10; // s
    const busyTime = 6.2;
    const completions = 500;
    const fromBusy = serviceDemand({ busyTime, completions });
    const fromU = serviceDemandFromUtilisation({
      utilisation: busyTime / window,
      throughput: completions / window,
    });
    expect(fromU).toBeCloseTo(fromBusy, 12);
  });
});

describe('forced flow law, X_k = V_k·X', () => {
  test.each([
    [40, 1, 40],
    [40, 2.5, 100],
    [0, 3, 0],
  ])('X=%d/s, V=%d ⇒ X_k=%d/s', (systemThroughput, visitsPerRequest, xk) => {
    expect(forcedFlow({ systemThroughput, visitsPerRequest })).toBeCloseTo(xk, 12);
  });
});

describe('bad input', () => {
  test.each([
    ['no completions', () => serviceDemand({ busyTime: 1, completions: 0 }), /completions must be/],
    ['negative busy time', () => serviceDemand({ busyTime: -1, completions: 3 }), /busyTime/],
    ['infinite throughput', () => utilisation({ throughput: Infinity, serviceTime: 1 }), /throughput/],
    [
      'zero throughput',
      () => serviceDemandFromUtilisation({ utilisation: 0.5, throughput: 0 }),
      /throughput/,
    ],
    ['negative visits', () => forcedFlow({ systemThroughput: 1, visitsPerRequest: -1 }), /visitsPerRequest/],
  ])('%s throws GLB_ERR_ANALYTIC_INPUT_INVALID', (_name, call, message) => {
    expect(call).toThrow(message);
    expect(call).toThrow(expect.objectContaining({ code: ANALYTIC_ERROR_CODES.INPUT_INVALID }));
  });
});
