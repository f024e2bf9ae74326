// `gelombang run` as a user (or a CI job) runs it: a child process, judged by its exit code and files.
// Bad options exit 2 before a single request reaches the target; a failed threshold exits 99 and says
// which in the summary and the JUnit report; a passing run exits 0.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import schema from '../scenarios/engine/run-result.schema.json' with { type: 'json' };
import { startPingServer, type TestServer } from './engine-fixtures.js';
import { gelombang } from './helpers/cli.js';

describe('gelombang run (child process)', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startPingServer();
    dir = mkdtempSync(join(tmpdir(), 'gelombang-cli-'));
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // The ping scenario is 1,000 arrivals/s: any run that got going would be seen by the server at once.
  it.each([
    {
      why: 'a target off this machine',
      args: ['--target', 'http://10.1.2.3:3000'],
      says: 'not a loopback address',
    },
    { why: 'https', args: ['--target', 'https://127.0.0.1:1'], says: 'http:// URL' },
    { why: 'zero workers', args: ['--workers', '0'], says: '--workers' },
    { why: 'a malformed duration', args: ['--duration', 'soon'], says: '--duration must be a duration' },
    { why: 'a duration past the profile', args: ['--duration', '1h'], says: 'longer than profile' },
    { why: 'a negative scale', args: ['--scale', '-1'], says: '--scale' },
    { why: 'a malformed threshold', args: ['--threshold', 'http_req_duration=p95<5'], says: 'threshold' },
    {
      why: 'a threshold on a step the journey lacks',
      args: ['--threshold', 'http_req_duration{step:account}=p(95)<5'],
      says: 'no step "account"',
    },
    { why: 'an unknown arrival process', args: ['--arrivals', 'bursty'], says: 'poisson, uniform' },
    {
      why: 'an output folder that does not exist',
      args: ['--out', '/nonexistent/run.json'],
      says: 'does not exist',
    },
  ])('exits 2 before any request on $why', async ({ args, says }) => {
    const hasTarget = args.includes('--target');
    const exit = await gelombang(['run', 'ping', ...(hasTarget ? [] : ['--target', server.url]), ...args]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain(says);
    expect(server.answered).toBe(0);
  });

  it('exits 2 on an unknown scenario, naming the known ones', async () => {
    const exit = await gelombang(['run', 'launch-night', '--target', server.url]);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('launch-day');
    expect(server.answered).toBe(0);
  });

  it('exits 99 when a threshold fails, and reports it in the summary, run.json and JUnit', async () => {
    const out = join(dir, 'fail.json');
    const junit = join(dir, 'fail.xml');
    // p(99) under a microsecond: no HTTP round trip makes it.
    const exit = await gelombang([
      ...['run', 'ping', '--target', server.url, '--duration', '2s', '--scale', '0.05'],
      ...['--threshold', 'http_req_duration=p(99)<0.001', '--out', out, '--junit', junit],
    ]);
    expect(exit.code).toBe(99);
    expect(exit.stdout).toContain('✗ http_req_duration p(99)<0.001');
    expect(exit.stdout).toContain('✓ http_req_failed rate<0.01');
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(validateAgainstSchema(schema, result)).toEqual([]);
    expect(result.thresholds.find((v) => v.metric === 'http_req_duration')?.ok).toBe(false);
    expect(result.arrivals.launched).toBeGreaterThan(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="3" failures="1"');
    expect(xml).toMatch(/<testcase [^>]*name="http_req_duration p\(99\)&lt;0.001">\s*<failure/);
    expect(xml).toMatch(/<testcase [^>]*name="http_req_failed rate&lt;0.01"\/>/);
  });

  it('exits 0 when every threshold holds', async () => {
    const exit = await gelombang([
      'run',
      'ping',
      '--target',
      server.url,
      '--duration',
      '2s',
      '--scale',
      '0.05',
    ]);
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('✓ 2 thresholds passed');
  });
});
