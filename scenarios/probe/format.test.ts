import { describe, expect, test } from 'vitest';
import { formatLevel, formatProbePlan, formatProbeSummary, nothingSucceeded } from './format.js';
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

describe('failed requests in the summary', () => {
  const level = (ok: number, byCode: Record<string, number>, timeouts = 0) => {
    const failed = Object.values(byCode).reduce((a, b) => a + b, 0);
    return {
      concurrency: 1,
      durationSeconds: 1,
      endedBy: 'duration',
      requests: ok + failed,
      ok,
      replayed: 0,
      throughput: ok,
      requestRate: ok + failed,
      latencyMs: { count: ok + failed, min: 1, mean: 1, p50: 1, p90: 1, p95: 1, p99: 1, max: 1 },
      errors: { byStatus: failed > 0 ? { '422': failed } : {}, byCode, timeouts, connectionErrors: 0 },
      service: null,
    };
  };
  const result = (levels: unknown[]) =>
    ({
      step: 'profile',
      request: { method: 'PUT', route: '/api/v1/profile' },
      target: 'http://127.0.0.1:3000',
      levels,
      usl: null,
      uslError: 'x',
      serviceDemandSeconds: null,
      serviceMetricsError: null,
      demandFit: null,
      demandFitError: 'x',
      nextIndex: 10,
    }) as unknown as ProbeResult;

  test('every request failed (a --seed the registry does not know): an error line naming the codes', () => {
    const r = result([
      level(0, { GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY: 11, GLB_ERR_PROFILE_REGISTRY_MISMATCH: 1 }),
    ]);
    expect(nothingSucceeded(r)).toBe(true);
    expect(formatProbeSummary(r)).toContain(
      'error: every request failed: 12 of 12 (GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY ×11, GLB_ERR_PROFILE_REGISTRY_MISMATCH ×1)',
    );
  });

  test('some failed: a warning with the codes, timeouts included', () => {
    const r = result([level(90, { GLB_ERR_SVC_OVERLOADED: 8 }, 2)]);
    expect(nothingSucceeded(r)).toBe(false);
    expect(formatProbeSummary(r)).toContain(
      'warning: requests failed: 10 of 100 (GLB_ERR_SVC_OVERLOADED ×8, timeout ×2)',
    );
  });

  test('a level without a single response shows no latency, not 0s', () => {
    const noAnswer = {
      ...level(0, {}, 5),
      latencyMs: { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 },
    };
    expect(formatLevel(noAnswer as unknown as ProbeResult['levels'][number])).toContain('p50/p95/p99 n/a');
  });

  test('under 1 % failed: no line', () => {
    const r = result([level(999, { GLB_ERR_SVC_OVERLOADED: 1 })]);
    expect(formatProbeSummary(r)).not.toMatch(/failed:/);
  });
});
