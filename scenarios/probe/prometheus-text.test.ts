import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { describe, expect, test } from 'vitest';
import { readServiceCounters } from './prometheus-text.js';

describe('readServiceCounters', () => {
  test('reads what prom-client writes: CPU seconds and request counts per method and route', async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const h = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'x',
      labelNames: ['method', 'route', 'status_code'],
      registers: [registry],
    });
    for (let i = 0; i < 3; i++)
      h.observe({ method: 'POST', route: '/api/v1/accounts', status_code: '201' }, 0.01);
    h.observe({ method: 'POST', route: '/api/v1/accounts', status_code: '409' }, 0.01);
    h.observe({ method: 'PUT', route: '/api/v1/profile', status_code: '200' }, 0.2);
    const counters = readServiceCounters(await registry.metrics());
    expect(counters).not.toBeNull();
    expect(counters!.cpuSeconds).toBeGreaterThan(0);
    expect(Object.fromEntries(counters!.requestsByRoute)).toEqual({
      'POST /api/v1/accounts': 4,
      'PUT /api/v1/profile': 1,
    });
  });

  test.each([
    [
      'escaped label values',
      'http_request_duration_seconds_count{route="/a\\"b",method="GET"} 2\n',
      'GET /a"b',
      2,
    ],
    [
      'a timestamp after the value',
      'http_request_duration_seconds_count{method="GET",route="/"} 7 1700000000000\n',
      'GET /',
      7,
    ],
  ])('%s', (_name, line, key, value) => {
    const counters = readServiceCounters(`process_cpu_seconds_total 1.5\n${line}`);
    expect(counters!.cpuSeconds).toBe(1.5);
    expect(counters!.requestsByRoute.get(key)).toBe(value);
  });

  test('null without process_cpu_seconds_total (no default metrics)', () => {
    expect(
      readServiceCounters('# HELP x y\nhttp_request_duration_seconds_count{method="GET",route="/"} 1\n'),
    ).toBeNull();
    expect(readServiceCounters('<html>not metrics</html>')).toBeNull();
  });
});
