import { describe, expect, test } from 'vitest';
import { formatProbePlan, formatProbeSummary } from './format.js';
import type { ProbeResult } from './types.js';
import { validateProbeOptions } from './options.js';

describe('formatProbePlan', () => {
  test.each([
    [{ concurrency: '1,2,4', duration: '2s' }, 'about 6s of levels ('],
    // --duration is per level: the default seven levels at 5m are over half an hour.
    [{ duration: '5m' }, 'about 35m of levels ('],
    [{ concurrency: '1,2', duration: '1h' }, 'about 2h0m of levels ('],
    [{ concurrency: '1,2,4', duration: '50s' }, 'about 2m30s of levels ('],
    [{ step: 'profile', duration: '10s' }, 'about 1m10s of levels plus preparing applicants ('],
  ])('%o → %s', (flags, says) => {
    expect(formatProbePlan(validateProbeOptions({ target: 'http://127.0.0.1:3000', ...flags }))).toContain(
      says,
    );
  });
});

describe('formatProbeSummary', () => {
  test('stopped before any level: says so and where to resume, no fits and no blame on /metrics', () => {
    const result = {
      step: 'profile',
      request: { method: 'PUT', route: '/api/v1/profile' },
      target: 'http://127.0.0.1:3000',
      levels: [],
      usl: null,
      uslError: 'the USL needs at least 3 levels with throughput > 0; got 0',
      serviceDemandSeconds: null,
      serviceMetricsError: null,
      demandFit: null,
      demandFitError: 'no level has service metrics',
      nextIndex: 900_030,
      interrupted: true,
    } as unknown as ProbeResult;
    const text = formatProbeSummary(result);
    expect(text).toContain('no level finished');
    expect(text).toContain('--first-index 900030');
    expect(text).not.toContain('USL');
    expect(text).not.toContain('/metrics');
  });
});
