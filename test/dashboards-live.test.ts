// Dashboards that show "No data" on launch night are worse than none. This starts the local stack
// (2 service instances on one SQLite file behind the balancer, the registry stub, Debian's Prometheus
// scraping them and the engine's live /metrics every second), runs the smoke scenario through the
// engine (with the waiting room on at a rate nobody reaches, and a few sign-ins, one with a wrong password, so
// those panels are exercised too), then sends every panel query of every dashboard (variables substituted as Grafana would with
// "All" selected) to Prometheus's HTTP API over the run and requires at least one series from each,
// except the panels listed below with the reason they are empty after a healthy smoke run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../cli/commands/stack.js';
import { DASHBOARDS } from '../dashboards/src/index.js';
import { type PanelQuery, panelQueries, substituteVariables } from '../dashboards/src/panel-queries.js';
import { isRunning } from '../deploy/stack/processes.js';
import { freePort, type StackUrls, stackDown, stackUp } from '../deploy/stack/stack.js';
import { readState, type StackProcess } from '../deploy/stack/state.js';
import { applicant } from '../generators/index.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { accountBody } from '../scenarios/model/request-bodies.js';
import { type Exit, gelombang } from './helpers/cli.js';

/** Panels that stay empty while nothing goes wrong: their counters carry a label set only on failure. */
const FAILURE_ONLY: Record<string, string> = {
  'Requests shed by reason/A':
    'gelombang_shed_total{reason}: a series appears with the first shed request (overload)',
  'Requests throttled by reason/A':
    'gelombang_throttled_total{reason}: a series appears with the first 429 (abuse, retry storms)',
};

const SCRAPE_SECONDS = 1;

/** A returning applicant signs in, after one wrong password: what the sign-in panel counts. */
async function signInTwice(base: string): Promise<void> {
  const a = applicant(DEFAULT_SEED, 1_900_000);
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/api/v1/accounts', accountBody(a))).status).toBe(201);
  expect((await post('/api/v1/sessions', { email: a.email, password: `${a.password}x` })).status).toBe(401);
  expect((await post('/api/v1/sessions', { email: a.email, password: a.password })).status).toBe(201);
}
const dir = mkdtempSync(join(tmpdir(), 'gelombang-dashboards-live-'));
let urls: StackUrls;
let started: StackProcess[] = [];
let runStart = 0;
let runEnd = 0;
let run: Exit;

interface QueryRangeAnswer {
  status: string;
  error?: string;
  data?: { result: Array<{ metric: Record<string, string>; values: unknown[] }> };
}

async function seriesCount(q: PanelQuery): Promise<number> {
  const seconds = Math.ceil(runEnd - runStart);
  const expr = substituteVariables(q.expr, {
    rateInterval: `${4 * SCRAPE_SECONDS * 2}s`,
    range: `${seconds}s`,
  });
  const params = new URLSearchParams({
    query: expr,
    start: String(runStart),
    end: String(runEnd),
    step: '2',
  });
  const res = await fetch(`${urls.prometheus}/api/v1/query_range?${params}`);
  const body = (await res.json()) as QueryRangeAnswer;
  if (body.status !== 'success')
    throw new Error(`${q.dashboard} / ${q.panel} ${q.refId}: ${body.error}\n${expr}`);
  // A series of NaN only (a quantile of a histogram that observed nothing) is "No data" on the screen too.
  const finite = (values: unknown[]) =>
    values.some((v) => Number.isFinite(Number((v as [number, string])[1])));
  return body.data?.result.filter((s) => finite(s.values)).length ?? 0;
}

/** Polls an instant query until it returns a series (or throws after `timeoutMs`). */
async function untilPrometheusHas(query: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${urls.prometheus}/api/v1/query?${new URLSearchParams({ query })}`);
    const body = (await res.json()) as QueryRangeAnswer;
    if (body.status === 'success' && (body.data?.result.length ?? 0) > 0) return;
    if (Date.now() > deadline)
      throw new Error(`Prometheus still has no result for ${query} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, SCRAPE_SECONDS * 1000));
  }
}

describe('every dashboard panel has data after a smoke run', () => {
  beforeAll(async () => {
    const prometheusBinary = findOnPath('prometheus');
    if (prometheusBinary === undefined)
      throw new Error('Prometheus is needed: apt-get install -y prometheus (.ci/run does)');
    const enginePort = await freePort();
    // The instances inherit the environment: the waiting room on, at a rate the smoke run never reaches.
    process.env.WAITING_ROOM_RATE = '100000';
    urls = await stackUp(
      {
        instances: 2,
        db: { kind: 'sqlite', path: join(dir, 'stack.db') },
        freshDatabase: false,
        prometheus: true,
        prometheusBinary,
        stateDir: dir,
        port: 0,
        prometheusPort: 0,
        enginePort,
        scryptCost: 1024,
        seed: DEFAULT_SEED,
        scrapeIntervalSeconds: SCRAPE_SECONDS,
      },
      () => {},
    );
    delete process.env.WAITING_ROOM_RATE;
    started = readState(dir)?.processes ?? [];
    runStart = Date.now() / 1000;
    run = await gelombang([
      'run',
      'smoke',
      '--target',
      urls.balancer,
      '--metrics-port',
      String(enginePort),
      '--duration',
      '15s',
    ]);
    await signInTwice(urls.balancer);
    // The sign-in counter appears with the first sign-in, and rate() needs two of its samples: wait until
    // Prometheus holds three (a loaded machine delays scrapes; a fixed sleep missed them), then let the
    // rules evaluate once more.
    await untilPrometheusHas('count_over_time(gelombang_sign_ins_total[5m]) >= 3', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3 * SCRAPE_SECONDS * 1000));
    runEnd = Date.now() / 1000;
  }, 120_000);

  afterAll(async () => {
    const stopped = await stackDown(dir);
    expect(stopped?.length).toBe(started.length);
    expect(started.filter(isRunning)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('ran the smoke scenario through the balancer to the end', () => {
    // 0 or 99: the run finished (its latency thresholds are not this test's concern on a busy CI machine).
    expect([0, 99], run.stderr).toContain(run.code);
    expect(run.stdout).toMatch(/step profile/);
    expect(started.map((p) => p.role).sort()).toEqual([
      'balancer',
      'prometheus',
      'registry-stub',
      'service',
      'service',
    ]);
  });

  it('lists only panels that exist', () => {
    const keys = new Set(
      DASHBOARDS.flatMap((d) => panelQueries(d.build()).map((q) => `${q.panel}/${q.refId}`)),
    );
    for (const key of Object.keys(FAILURE_ONLY)) {
      expect(keys.has(key), key).toBe(true);
    }
    expect(Object.keys(FAILURE_ONLY).length).toBeLessThanOrEqual(3);
  });

  it('gets at least one series for every panel query not listed, and none for the listed ones', async () => {
    const empty: string[] = [];
    const unexpectedlyFull: string[] = [];
    let checked = 0;
    for (const dashboard of DASHBOARDS) {
      for (const q of panelQueries(dashboard.build())) {
        const key = `${q.panel}/${q.refId}`;
        const listed = key in FAILURE_ONLY;
        const n = await seriesCount(q);
        checked++;
        if (!listed && n === 0) empty.push(`${q.dashboard} / ${key}: ${q.expr}`);
        if (listed && n > 0) unexpectedlyFull.push(`${key} now has data: move it out of the list`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(empty, 'panels with "No data"').toEqual([]);
    expect(unexpectedlyFull).toEqual([]);
  }, 60_000);

  it('recording rules produce per-route rates, percentiles and the SLO ratios from the run', async () => {
    for (const rule of [
      'job_route:http_requests:rate1m',
      'job_route:http_request_duration_seconds:p95_1m',
      'instance:http_requests:rate1m',
      'job:slo_errors_per_request:ratio_rate5m',
      'job:slo_slow_requests:ratio_rate5m',
    ]) {
      const params = new URLSearchParams({
        query: rule,
        start: String(runStart),
        end: String(runEnd),
        step: '2',
      });
      const body = (await (
        await fetch(`${urls.prometheus}/api/v1/query_range?${params}`)
      ).json()) as QueryRangeAnswer;
      expect(body.data?.result.length ?? 0, rule).toBeGreaterThan(0);
    }
  });
});
