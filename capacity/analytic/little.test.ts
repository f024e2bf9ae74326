import { describe, expect, test } from 'vitest';
import { ANALYTIC_ERROR_CODES } from './errors.js';
import { littleArrivalRate, littleNumberInSystem, littleTimeInSystem } from './little.js';

describe("Little's law, L = λW", () => {
  test.each([
    // λ per s, W in s, L
    [100, 0.25, 25], // 100 sign-ups/s each taking 250 ms: 25 in flight
    [1333, 0.06, 79.98], // the peak minute of 80,000 (1,333/s), 60 ms each
    [0, 3, 0],
    [2.5, 0, 0],
  ])('λ=%d, W=%d ⇒ L=%d, and back', (arrivalRate, meanTimeInSystem, meanNumberInSystem) => {
    expect(littleNumberInSystem({ arrivalRate, meanTimeInSystem })).toBeCloseTo(meanNumberInSystem, 9);
    if (arrivalRate > 0) {
      expect(littleTimeInSystem({ meanNumberInSystem, arrivalRate })).toBeCloseTo(meanTimeInSystem, 9);
    }
    if (meanTimeInSystem > 0) {
      expect(littleArrivalRate({ meanNumberInSystem, meanTimeInSystem })).toBeCloseTo(arrivalRate, 9);
    }
  });

  test.each([
    ['negative rate', () => littleNumberInSystem({ arrivalRate: -1, meanTimeInSystem: 1 }), /arrivalRate/],
    [
      'NaN time',
      () => littleNumberInSystem({ arrivalRate: 1, meanTimeInSystem: Number.NaN }),
      /meanTimeInSystem/,
    ],
    [
      'zero rate for W',
      () => littleTimeInSystem({ meanNumberInSystem: 3, arrivalRate: 0 }),
      /arrivalRate must be/,
    ],
    [
      'zero W for λ',
      () => littleArrivalRate({ meanNumberInSystem: 3, meanTimeInSystem: 0 }),
      /meanTimeInSystem/,
    ],
    [
      'negative L',
      () => littleArrivalRate({ meanNumberInSystem: -3, meanTimeInSystem: 1 }),
      /meanNumberInSystem/,
    ],
  ])('%s throws GLB_ERR_ANALYTIC_INPUT_INVALID', (_name, call, message) => {
    expect(call).toThrow(message);
    expect(call).toThrow(expect.objectContaining({ code: ANALYTIC_ERROR_CODES.INPUT_INVALID }));
  });
});
