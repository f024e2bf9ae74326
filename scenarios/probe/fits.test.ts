import { describe, expect, test } from 'vitest';
import { demandFitOf } from './fits.js';
import type { ProbeLevel } from './types.js';

/** A level whose service used U₀ = 0.05 cores plus D = 2 ms per request over its scrape window. */
function level(completions: number, activeSeconds: number, windowSeconds: number): ProbeLevel {
  const cpuSeconds = 0.05 * windowSeconds + 0.002 * completions;
  return {
    durationSeconds: activeSeconds,
    service: {
      cpuSeconds,
      cpuUtilisation: cpuSeconds / windowSeconds,
      windowSeconds,
      completions,
      serviceDemandSeconds: cpuSeconds / completions,
      requestsByRoute: {},
    },
  } as unknown as ProbeLevel;
}

describe('demandFitOf', () => {
  test('levels that used up their requests early: X and U over the scrape window recover D and U₀', () => {
    // The second and third levels ended at 0.3 s and 0.1 s but autocannon (and the scrapes) waited for
    // the 1 s tick; X over the level's own 0.1 s against U over 1 s bent the line (U₀ read 0.49 cores).
    const fit = demandFitOf([level(100, 1, 1), level(300, 0.3, 1), level(900, 0.1, 1)]);
    expect(fit.demandFitError).toBeNull();
    expect(fit.demandFit!.serviceDemandSeconds).toBeCloseTo(0.002, 9);
    expect(fit.demandFit!.backgroundUtilisation).toBeCloseTo(0.05, 9);
  });
});
