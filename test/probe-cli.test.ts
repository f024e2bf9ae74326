// `gelombang probe` as a user runs it: a child process against the real service (SQLite, in-process
// registry stub, sandbox on) started by this test, so the probe's load and the service do not share an event
// loop and the service's process_cpu_seconds_total is the service's own. Short levels (1 s at 1, 2, 4
// connections); the assertions are about what the file says, never about how fast anything was.
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import { readServiceCounters } from '../scenarios/probe/prometheus-text.js';
import schema from '../scenarios/probe/probe-result.schema.json' with { type: 'json' };
import type { ProbeResult } from '../scenarios/probe/types.js';
import { spawn } from 'node:child_process';
import { EXIT } from '../cli/errors.js';
import { BIN, gelombang } from './helpers/cli.js';
import { startTestService, type TestService } from './helpers/service.js';

const LEVELS = '1,2,4';

/** Requests the service has answered on any route but /metrics. */
async function answered(service: TestService): Promise<number> {
  const counters = readServiceCounters(await (await fetch(`${service.url}/metrics`)).text());
  let total = 0;
  for (const [route, n] of counters?.requestsByRoute ?? []) if (!route.endsWith(' /metrics')) total += n;
  return total;
}

describe('gelombang probe (child process)', () => {
  let service: TestService;
  let dir: string;
  let account: ProbeResult;

  beforeAll(async () => {
    service = await startTestService({ logLevel: 'warn' });
    dir = mkdtempSync(join(tmpdir(), 'gelombang-probe-'));
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { why: 'a target off this machine', args: ['--target', 'http://10.1.2.3:3000'], says: 'not a loopback' },
    {
      why: 'an unknown step',
      args: ['--step', 'payment'],
      says: "--step must be one of the funnel's steps: visit, account",
    },
    { why: 'a repeated level', args: ['--concurrency', '1,2,2'], says: 'lists 2 twice' },
    { why: 'a zero level', args: ['--concurrency', '0,4'], says: '--concurrency must be a number from 1' },
    { why: 'a malformed duration', args: ['--duration', 'soon'], says: '--duration must be a duration' },
    {
      why: 'a level over the request cap',
      args: ['--concurrency', '8', '--max-requests', '4'],
      says: 'below',
    },
    { why: 'an output path that is a folder', args: ['--out', tmpdir()], says: 'is a folder' },
    {
      why: 'an output folder that does not exist',
      args: ['--out', '/nonexistent/p.json'],
      says: 'does not exist',
    },
  ])('exits 2 before any request on $why', async ({ args, says }) => {
    const before = await answered(service);
    const hasTarget = args.includes('--target');
    const exit = await gelombang(['probe', ...(hasTarget ? [] : ['--target', service.url]), ...args]);
    expect(exit.code, exit.stderr).toBe(2);
    expect(exit.stderr).toContain(says);
    expect(await answered(service)).toBe(before);
  });

  it('exits 1 with what to do when nothing listens at the target', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const exit = await gelombang(['probe', '--target', `http://127.0.0.1:${port}`, '--duration', '1s']);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('no answer from');
    expect(exit.stderr).toContain('gelombang serve');
  });

  it('sweeps the account step: a row per level, no 409s, CPU per request from /metrics, a valid probe.json', async () => {
    const out = join(dir, 'account.json');
    const exit = await gelombang([
      ...['probe', '--target', service.url, '--step', 'account', '--concurrency', LEVELS],
      ...['--duration', '1s', '--warm-up', '5', '--out', out],
    ]);
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toMatch(/level 3\/3: N=4 {2}X=/);
    account = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
    expect(validateAgainstSchema(schema, account)).toEqual([]);
    expect(account.request).toEqual({ method: 'POST', route: '/api/v1/accounts' });
    expect(account.serviceMetrics).toBe(true);
    expect(account.levels.map((l) => l.concurrency)).toEqual([1, 2, 4]);
    for (const level of account.levels) {
      expect(level.ok).toBeGreaterThan(0);
      expect(level.replayed).toBe(0);
      expect(level.errors.byStatus).toEqual({}); // no 409: every request a new applicant
      expect(level.latencyMs.count).toBe(level.requests);
      expect(level.service).not.toBeNull();
      // The service saw every response we read (and perhaps a few cut off when the level stopped).
      expect(level.service!.completions).toBeGreaterThanOrEqual(level.requests);
      expect(level.service!.serviceDemandSeconds).toBeGreaterThan(0);
      expect(level.service!.requestsByRoute['POST /api/v1/accounts']).toBe(level.service!.completions);
    }
    expect(account.serviceDemandSeconds).toBeGreaterThan(0);
    expect(account.usl).not.toBeNull();
    expect(account.uslError).toBeNull();
    // Each applicant once: the warm-up and every response used distinct indices.
    const sent = 5 + account.levels.reduce((n, l) => n + l.requests, 0);
    expect(account.nextIndex - account.firstIndex).toBeGreaterThanOrEqual(sent);
  }, 60_000);

  it('refuses to probe applicants an earlier probe used (the service replays their sign-ups)', async () => {
    const before = await answered(service);
    const exit = await gelombang([
      ...['probe', '--target', service.url, '--step', 'account', '--concurrency', LEVELS],
      ...['--duration', '1s', '--warm-up', '3'],
    ]);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('already went through this step');
    expect(exit.stderr).toContain('--first-index');
    expect((await answered(service)) - before).toBeLessThanOrEqual(3); // stopped at the warm-up
  }, 30_000);

  it('sweeps the profile step: prerequisites prepared before each level, NIK checks without a 409', async () => {
    const out = join(dir, 'profile.json');
    const exit = await gelombang([
      ...['probe', '--target', service.url, '--step', 'profile', '--concurrency', LEVELS],
      ...['--duration', '1s', '--warm-up', '3', '--first-index', String(account.nextIndex), '--out', out],
    ]);
    expect(exit.code, exit.stderr).toBe(0);
    const profile = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
    expect(validateAgainstSchema(schema, profile)).toEqual([]);
    expect(profile.request).toEqual({ method: 'PUT', route: '/api/v1/profile' });
    expect(profile.firstIndex).toBe(account.nextIndex);
    for (const level of profile.levels) {
      expect(level.prepared).toBeGreaterThanOrEqual(level.requests);
      expect(level.ok).toBeGreaterThan(0);
      expect(level.errors.byStatus).toEqual({});
      expect(level.service!.serviceDemandSeconds).toBeGreaterThan(0);
      // Preparation (sign-up, outbox, verification) happened before the level's counters were read.
      expect(level.service!.requestsByRoute['POST /api/v1/accounts']).toBeUndefined();
    }
    // Throughput rises with N here (the registry stub's latency, not CPU, limits one connection), so the
    // utilisation law with a background term separates the CPU per request from the idle CPU.
    expect(profile.demandFitError).toBeNull();
    expect(profile.demandFit!.serviceDemandSeconds).toBeGreaterThan(0);
  }, 120_000);

  it('on Ctrl-C keeps the finished levels, writes them, says where the next probe starts, exits 105', async () => {
    const out = join(dir, 'interrupted.json');
    const firstIndex = 5_000_000; // clear of the other tests' applicants
    const child = spawn(
      process.execPath,
      [
        ...[BIN, 'probe', '--target', service.url, '--step', 'account', '--concurrency', '1,2,4'],
        ...['--duration', '3s', '--warm-up', '3', '--first-index', String(firstIndex), '--out', out],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!interrupted && stderr.includes('level 2/3: concurrency 2…')) {
        interrupted = true; // once: a second Ctrl-C quits without a summary
        child.kill('SIGINT');
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(EXIT.INTERRUPTED); // 105, as a run cut short
    expect(stdout).toContain('stopped early, after 1 level');
    const result = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
    expect(validateAgainstSchema(schema, result)).toEqual([]);
    expect(result.interrupted).toBe(true);
    expect(result.levels.map((l) => l.concurrency)).toEqual([1]);
    expect(stdout).toContain(`--first-index ${result.nextIndex}`);
    // nextIndex is past the level cut short too: a probe from there meets no applicant already signed up.
    const next = await gelombang([
      ...['probe', '--target', service.url, '--step', 'account', '--concurrency', '1', '--duration', '1s'],
      ...['--warm-up', '3', '--first-index', String(result.nextIndex)],
    ]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).not.toContain('409s or replays');
  }, 60_000);

  it('stops when the target goes away mid-level: keeps the levels before, leaves that one out, exits 1', async () => {
    // A stand-in that accepts every sign-up, then is closed during level 2, as a crashed service would be.
    const fake = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/metrics') res.writeHead(404).end();
        else res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const out = join(dir, 'target-down.json');
    const child = spawn(
      process.execPath,
      [
        ...[BIN, 'probe', '--target', url, '--step', 'account', '--concurrency', '1,2,4'],
        ...['--duration', '2s', '--warm-up', '3', '--out', out],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (fake.listening && stderr.includes('level 2/3: concurrency 2…')) {
        fake.close();
        fake.closeAllConnections();
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('stopped answering during level 2');
    expect(stderr).toContain('--first-index');
    expect(stderr).not.toContain('level 3/3');
    expect(stdout).toContain('stopped early, after 1 level');
    const result = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
    expect(validateAgainstSchema(schema, result)).toEqual([]);
    expect(result.interrupted).toBe(true);
    expect(result.levels.map((l) => l.concurrency)).toEqual([1]);
    expect(result.levels[0]!.ok).toBeGreaterThan(0);
  }, 60_000);

  it.each([
    {
      why: 'a service without --sandbox',
      config: { sandbox: false },
      args: ['--step', 'verify-email'],
      says: 'restart it with `gelombang serve --sandbox`',
    },
    {
      why: "a --seed that is not the service's --population-seed",
      config: {},
      args: ['--step', 'profile', '--seed', '7'],
      says: "give --seed the service's --population-seed",
    },
  ])(
    'on $why: exit 1 saying which, and where the next probe starts',
    async ({ config, args, says }) => {
      const other = await startTestService({ logLevel: 'warn', ...config });
      try {
        const exit = await gelombang([
          ...['probe', '--target', other.url, '--concurrency', '1,2,4', '--duration', '1s', '--warm-up', '3'],
          ...args,
        ]);
        expect(exit.code, exit.stderr).toBe(1);
        expect(exit.stderr).toContain(says);
        expect(exit.stderr).toMatch(/the next probe against it needs --first-index \d+ or later/);
      } finally {
        await other.close();
      }
    },
    60_000,
  );
});
