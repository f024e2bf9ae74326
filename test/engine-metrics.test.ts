// Live /metrics during a run, under k6's Prometheus names, so one Grafana dashboard reads a k6 run and an
// engine run alike; with worker threads the shards' metrics add up to the whole run's.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../scenarios/engine/engine.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import { constantScenario, startPingServer, type TestServer } from './engine-fixtures.js';

/** The value of one sample line, e.g. sample(text, 'k6_vus_max') or with a label filter. */
function sample(text: string, name: string, labels = ''): number {
  const line = text
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(labels));
  if (line === undefined) throw new Error(`no sample ${name}${labels} in:\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe.each([1, 2])('live /metrics with %i worker(s)', (workers) => {
  let server: TestServer;
  let scraped: string;
  let launched: number;

  beforeAll(async () => {
    server = await startPingServer();
    const run = startRun(
      validateRunOptions({
        scenario: constantScenario(100, 3, { name: 'metrics-test' }),
        target: server.url,
        arrivalProcess: 'uniform',
        workers,
        maxInFlight: 500,
        metricsPort: 0,
        gracefulStop: '5s',
      }),
    );
    // Scrape in the middle of the run, after a couple of seconds of traffic.
    let ticks = 0;
    run.on('tick', () => ticks++);
    while (ticks < 2) await sleep(50);
    const response = await fetch(run.metricsUrl!);
    expect(response.headers.get('content-type')).toContain('text/plain');
    scraped = await response.text();
    launched = (await run.result).arrivals.launched;
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  it("exposes k6's metric names with the step as a label", () => {
    for (const name of [
      'k6_http_req_duration_seconds_bucket',
      'k6_http_reqs_total',
      'k6_http_req_failed_rate',
      'k6_iterations_total',
      'k6_iteration_duration_seconds_bucket',
      'k6_dropped_iterations_total',
      'k6_vus',
      'k6_vus_max',
      'gelombang_engine_scheduler_lag_seconds_bucket',
    ]) {
      expect(scraped).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    }
    expect(scraped).toContain('step="ping"');
    expect(scraped).toContain('scenario="metrics-test"');
  });

  it('counts what has happened so far, summed over the workers', () => {
    const requests = sample(scraped, 'k6_http_reqs_total', 'status="200"');
    expect(requests).toBeGreaterThanOrEqual(100);
    expect(requests).toBeLessThanOrEqual(launched);
    expect(sample(scraped, 'k6_vus_max')).toBe(500);
    expect(sample(scraped, 'k6_dropped_iterations_total')).toBe(0);
    expect(sample(scraped, 'k6_http_req_failed_rate')).toBe(0);
  });
});
