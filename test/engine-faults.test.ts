// Faults users of k6, Vegeta and autocannon have reported, replayed against our engine, each with the value
// a serious runner must give: a signal cuts a run short but loses nothing; Retry-After as an HTTP-date is
// waited for; a server with a unique error code per request does not grow run.json; a service that does not
// know the run's applicants is caught before any load.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant } from '../generators/applicant.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { startRun } from '../scenarios/engine/engine.js';
import { ENGINE_ERROR_CODES } from '../scenarios/engine/errors.js';
import { createTransport } from '../scenarios/engine/http-transport.js';
import { runJourney } from '../scenarios/engine/journey-runner.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import { MAX_OUTCOME_ROWS, OTHER_CODE } from '../scenarios/engine/outcome-table.js';
import { preflight } from '../scenarios/engine/preflight.js';
import { Recorder } from '../scenarios/engine/recorder.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { formatSummary } from '../scenarios/engine/summary.js';
import { getJourney } from '../scenarios/model/journeys.js';
import { getScenario } from '../scenarios/model/scenarios.js';
import { constantScenario, startPingServer, type TestServer } from './engine-fixtures.js';
import { BIN, gelombang } from './helpers/cli.js';
import { startTestService, type TestService } from './helpers/service.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const closers: Array<() => void> = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(() => {
  for (const close of closers) close();
});

describe('Retry-After as an HTTP-date', () => {
  it('the journey waits until the date (it used to retry after ~0.24 s)', async () => {
    const visits: number[] = [];
    const origin = await serve((req, res) => {
      if (req.url !== '/') return res.writeHead(404).end();
      visits.push(performance.now());
      if (visits.length > 1) return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      // Both stamps from the same whole second, as a server formats them: Retry-After is 2 s after Date.
      const second = Math.floor(Date.now() / 1000) * 1000;
      res
        .writeHead(503, {
          date: new Date(second).toUTCString(),
          'retry-after': new Date(second + 2000).toUTCString(),
          'content-type': 'application/json',
        })
        .end(JSON.stringify({ statusCode: 503, code: 'GLB_ERR_SVC_DRAINING' }));
    });
    // think scale 0: no think time and no human retry delay, so only Retry-After can make the journey wait.
    const journey = getJourney('funnel', { thinkScale: 0 });
    let index = 0;
    while (applicant(DEFAULT_SEED, index).traits.patience < 1) index++;
    const transport = createTransport({ origin, basePath: '', connections: 1, timeoutMs: 5000 });
    const abort = new AbortController();
    let ended = false;
    await runJourney(
      {
        journey,
        seed: DEFAULT_SEED,
        startIndex: 0,
        transport,
        recorder: new Recorder(journey.steps),
        abort: abort.signal,
        onEnd: () => {
          ended = true;
        },
      },
      index,
      performance.now(),
    );
    abort.abort();
    await transport.destroy();
    expect(ended).toBe(true);
    expect(visits.length).toBeGreaterThanOrEqual(2);
    const waited = visits[1]! - visits[0]!;
    expect(waited).toBeGreaterThanOrEqual(1990);
    expect(waited).toBeLessThan(2500);
  });
});

describe('a server with a unique error code in every answer', () => {
  it('keeps the outcome table bounded and says so in the summary', async () => {
    let n = 0;
    const origin = await serve((_req, res) => {
      n++;
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ statusCode: 503, code: `GLB_ERR_TEST_REQUEST_${n}` }));
    });
    const options = validateRunOptions({
      scenario: constantScenario(101, 2),
      target: origin,
      arrivalProcess: 'uniform',
    });
    const result: RunResult = await startRun(options).result;
    const step = result.steps.find((s) => s.step === 'ping')!;
    expect(step.requests).toBe(202);
    expect(step.outcomes.length).toBeLessThanOrEqual(MAX_OUTCOME_ROWS + 1);
    expect(step.outcomes.reduce((sum, row) => sum + row.count, 0)).toBe(202);
    const other = step.outcomes.find((row) => row.code === OTHER_CODE);
    expect(other).toMatchObject({ outcome: 'abandon', status: 503, count: 202 - MAX_OUTCOME_ROWS });
    expect(formatSummary(result)).toContain(`${202 - MAX_OUTCOME_ROWS} responses whose codes fall outside`);
    // run.json stays small: one row per kept code, not one per request.
    expect(JSON.stringify(step.outcomes).length).toBeLessThan(100 * (MAX_OUTCOME_ROWS + 1));
  });
});

describe('preflight: a service that does not know the run’s applicants', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ logLevel: 'warn' });
  });
  afterAll(async () => {
    await service?.close();
  });

  it("every scenario's applicants pass against the default service", async () => {
    for (const name of ['launch-day', 'wave-open', 'soak', 'breakpoint', 'smoke']) {
      const options = validateRunOptions({ scenario: name, target: service.url });
      await expect(preflight(options)).resolves.toMatchObject({ note: expect.stringContaining('knows') });
    }
  });

  it('refuses a seed the service does not know, before any load, saying what to do', async () => {
    const options = validateRunOptions({ scenario: 'soak', target: service.url, seed: DEFAULT_SEED + 1 });
    await expect(preflight(options)).rejects.toMatchObject({
      code: ENGINE_ERROR_CODES.POPULATION_MISMATCH,
      message: expect.stringContaining(`--seed ${DEFAULT_SEED}`),
    });
  });

  it('refuses a target that is down', async () => {
    const url = await serve(() => {});
    closers.pop()!();
    const options = validateRunOptions({ scenario: getScenario('smoke'), target: url });
    await expect(preflight(options, 1000)).rejects.toMatchObject({ code: ENGINE_ERROR_CODES.TARGET_DOWN });
  });

  it('the CLI exits 2 on a population mismatch with nothing sent', async () => {
    const exit = await gelombang(['run', 'soak', '--target', service.url, '--seed', '7', '--duration', '5s']);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('population registry knows the applicants of seed');
  });
});

describe('SIGTERM and SIGINT cut a run short without losing it', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startPingServer();
    dir = mkdtempSync(join(tmpdir(), 'gelombang-signal-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: arrivals stop, summary, run.json and JUnit are written, exit 105',
    async (signal) => {
      const out = join(dir, `${signal}.json`);
      const junit = join(dir, `${signal}.xml`);
      const child = spawn(
        process.execPath,
        [BIN, 'run', 'ping', '--target', server.url, '--scale', '0.05', '--out', out, '--junit', junit],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      const started = new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          if (stderr.includes('for 20s')) resolve();
        });
      });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await started;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const answeredAtSignal = server.answered;
      expect(answeredAtSignal).toBeGreaterThan(0);
      child.kill(signal);
      const code = await exited;
      expect(code).toBe(105);
      expect(stdout).toContain('thresholds');
      expect(stderr).toContain(`cut short by ${signal}`);
      expect(existsSync(junit)).toBe(true);
      const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
      expect(result.stopped?.reason).toContain(signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C');
      // Arrivals stopped at the signal: far fewer than the profile's 20 s × 50/s.
      expect(result.durationSeconds).toBeLessThan(10);
      expect(server.answered - answeredAtSignal).toBeLessThan(50);
    },
    30_000,
  );
});
