import { describe, expect, test } from 'vitest';
import type { ServiceCounters } from './prometheus-text.js';
import { partialCountingReason, routeOf, serviceSample } from './service-metrics.js';

const counters = (cpuSeconds: number, routes: Record<string, number>): ServiceCounters => ({
  cpuSeconds,
  requestsByRoute: new Map(Object.entries(routes)),
});

describe('serviceSample (service demand law over one level)', () => {
  test('D = ΔCPU / Δcompletions of the probed route; other routes listed, unchanged ones left out', () => {
    const before = counters(10, { 'POST /api/v1/accounts': 100, 'GET /metrics': 3, 'GET /': 5 });
    const after = counters(12.5, { 'POST /api/v1/accounts': 600, 'GET /metrics': 4, 'GET /': 5 });
    expect(serviceSample(before, after, 'POST /api/v1/accounts', 2)).toEqual({
      cpuSeconds: 2.5,
      cpuUtilisation: 1.25,
      windowSeconds: 2,
      completions: 500,
      serviceDemandSeconds: 0.005,
      requestsByRoute: { 'POST /api/v1/accounts': 500, 'GET /metrics': 1 },
    });
  });

  test('a route first seen after the level counts from zero', () => {
    const s = serviceSample(
      counters(1, {}),
      counters(1.2, { 'PUT /api/v1/profile': 40 }),
      'PUT /api/v1/profile',
      1,
    );
    expect(s.completions).toBe(40);
    expect(s.serviceDemandSeconds).toBeCloseTo(0.005, 12);
  });

  test('no completion: no demand (null), not a division by zero', () => {
    const s = serviceSample(counters(1, {}), counters(1.1, {}), 'PUT /api/v1/profile', 1);
    expect(s.completions).toBe(0);
    expect(s.serviceDemandSeconds).toBeNull();
  });

  test('a restarted service (counters went down) gives no negative CPU', () => {
    const s = serviceSample(counters(50, { 'GET /': 9 }), counters(0.5, { 'GET /': 2 }), 'GET /', 1);
    expect(s.cpuSeconds).toBe(0);
    expect(s.requestsByRoute).toEqual({});
  });
});

describe('partialCountingReason (is /metrics the whole target?)', () => {
  const route = 'GET /';
  const sample = (completions: number) =>
    serviceSample(counters(0, { [route]: 0 }), counters(1, { [route]: completions }), route, 1);

  test('a service counting every answer the probe got (or a few more, cut off at the end) is the target', () => {
    expect(partialCountingReason(sample(328), 328, route)).toBeNull();
    expect(partialCountingReason(sample(331), 328, route)).toBeNull();
    expect(partialCountingReason(sample(0), 0, route)).toBeNull();
  });

  test('half the answers counted: one of two instances behind a balancer, not the target', () => {
    // As measured through `gelombang stack up`'s balancer over 2 instances: 164 of 328.
    expect(partialCountingReason(sample(164), 328, route)).toMatch(
      /counted 164 of the 328 GET \/ answers .*balancer.*one instance's URL as --target/,
    );
  });
});

describe('routeOf (the label the service counted the probed requests under)', () => {
  test('the path sent, when the service counts it under that name', () => {
    expect(routeOf({ 'PUT /api/v1/profile': 40, 'GET /metrics': 1 }, 'PUT', 'PUT /api/v1/profile')).toBe(
      'PUT /api/v1/profile',
    );
  });

  test('a path with an id: the template the service counted them under, not /metrics', () => {
    const counted = { 'POST /api/v1/waves/:waveId/join': 100, 'GET /metrics': 1, 'GET /': 2 };
    expect(routeOf(counted, 'POST', 'POST /api/v1/waves/null/join')).toBe('POST /api/v1/waves/:waveId/join');
  });

  test('nothing of that method: the path sent (the level then has no completions)', () => {
    expect(routeOf({ 'GET /metrics': 1 }, 'POST', 'POST /x')).toBe('POST /x');
  });
});
