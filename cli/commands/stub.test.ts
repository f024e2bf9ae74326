// `gelombang stub registry`: flag validation (pure) and one real run of the command.
import { spawn } from 'node:child_process';
import { DEFAULT_SEED } from '../../generators/options.js';
import { once } from 'node:events';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { type StubRegistryFlags, parseOutages, parseStubRegistryFlags, register } from './stub.js';

describe('parseStubRegistryFlags', () => {
  it('uses the documented defaults when nothing is given', () => {
    expect(parseStubRegistryFlags({})).toEqual({
      host: '127.0.0.1',
      port: 4000,
      seed: DEFAULT_SEED,
      behaviour: {
        latencyMeanMs: 80,
        latencySigma: 0.5,
        maxConcurrent: 50,
        overload: '429',
        maxQueue: 1000,
        errorRate: 0,
        outages: [],
      },
      registries: {},
    });
  });

  it('reads every flag', () => {
    const settings = parseStubRegistryFlags({
      port: '0',
      host: '::1',
      seed: '42',
      latencyMeanMs: '12.5',
      latencySigma: '1',
      maxConcurrent: '3',
      overload: 'queue',
      maxQueue: '7',
      errorRate: '0.25',
      outage: '30s-90s,2m-150000ms',
      dapodik: '{"latencyMeanMs":300,"maxConcurrent":10}',
      dtks: '{"down":true}',
    });
    expect(settings).toEqual({
      host: '::1',
      port: 0,
      seed: 42,
      behaviour: {
        latencyMeanMs: 12.5,
        latencySigma: 1,
        maxConcurrent: 3,
        overload: 'queue',
        maxQueue: 7,
        errorRate: 0.25,
        outages: [
          { startMs: 30_000, endMs: 90_000 },
          { startMs: 120_000, endMs: 150_000 },
        ],
      },
      registries: { dapodik: { latencyMeanMs: 300, maxConcurrent: 10 }, dtks: { down: true } },
    });
  });

  it.each<{ flags: StubRegistryFlags; message: RegExp }>([
    {
      flags: { port: '70000' },
      message: /--port \/ REGISTRY_STUB_PORT must be a whole number from 0 to 65535; got "70000"/,
    },
    { flags: { port: 'http' }, message: /--port/ },
    { flags: { host: ' ' }, message: /--host \/ REGISTRY_STUB_HOST must not be empty/ },
    { flags: { seed: '-1' }, message: /--seed \/ REGISTRY_STUB_SEED must be a whole number/ },
    {
      flags: { latencyMeanMs: 'fast' },
      message: /--latency-mean-ms \/ REGISTRY_STUB_LATENCY_MEAN_MS must be a number/,
    },
    { flags: { latencySigma: '9' }, message: /--latency-sigma .* from 0 to 5/ },
    { flags: { maxConcurrent: '0' }, message: /--max-concurrent \/ REGISTRY_STUB_MAX_CONCURRENT .* from 1/ },
    {
      flags: { overload: 'drop' },
      message: /--overload \/ REGISTRY_STUB_OVERLOAD must be 429 or queue; got "drop"/,
    },
    { flags: { maxQueue: '1.5' }, message: /--max-queue .* whole number/ },
    { flags: { errorRate: '5' }, message: /--error-rate \/ REGISTRY_STUB_ERROR_RATE .* from 0 to 1/ },
    {
      flags: { outage: '90s-30s' },
      message: /--outage \/ REGISTRY_STUB_OUTAGE must be START-END windows.*got "90s-30s"/,
    },
    { flags: { outage: '30-90' }, message: /units ms, s, m or h/ },
    { flags: { dapodik: 'slow' }, message: /--dapodik \/ REGISTRY_STUB_DAPODIK must be a JSON object/ },
    {
      flags: { dtks: '{"latency":1}' },
      message: /--dtks \/ REGISTRY_STUB_DTKS: unknown behaviour "latency"/,
    },
  ])('refuses $flags with a message that says what to do', ({ flags, message }) => {
    expect(() => parseStubRegistryFlags(flags)).toThrow(UsageError);
    expect(() => parseStubRegistryFlags(flags)).toThrow(message);
  });
});

describe('parseOutages', () => {
  it.each([
    { text: '500ms-1s', expected: [{ startMs: 500, endMs: 1000 }] },
    { text: '0s-1.5m', expected: [{ startMs: 0, endMs: 90_000 }] },
    {
      text: '1h-2h, 3h-4h',
      expected: [
        { startMs: 3_600_000, endMs: 7_200_000 },
        { startMs: 10_800_000, endMs: 14_400_000 },
      ],
    },
  ])('$text', ({ text, expected }) => {
    expect(parseOutages(text)).toEqual(expected);
  });
});

describe('gelombang stub registry', () => {
  it('--help teaches with examples and names the environment variables', () => {
    let out = '';
    const program = new Command('gelombang').exitOverride();
    register(program);
    const registry = program.commands
      .find((c) => c.name() === 'stub')!
      .commands.find((c) => c.name() === 'registry')!;
    registry.configureOutput({ writeOut: (s) => (out += s) });
    registry.outputHelp();
    expect(out).toMatch(/POST \/v1\/nik\/verify/);
    expect(out).toMatch(/REGISTRY_STUB_MAX_CONCURRENT/);
    expect(out).toMatch(/Examples:\n {2}gelombang stub registry/);
  });

  it('validates before listening: exit 2 and the message on stderr', async () => {
    const run = spawnCli(['stub', 'registry', '--overload', 'drop']);
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(2);
    expect(run.stderr()).toMatch(/--overload \/ REGISTRY_STUB_OVERLOAD must be 429 or queue/);
    expect(run.stdout()).toBe('');
  });

  it('listens on the port from the environment, prints the URL, serves, and exits 0 on SIGTERM', async () => {
    const run = spawnCli(['stub', 'registry', '--latency-mean-ms', '0'], { REGISTRY_STUB_PORT: '0' });
    const url = await new Promise<string>((resolve, reject) => {
      run.child.stdout.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout());
        if (m) resolve(m[1]!);
      });
      run.child.once('exit', () => reject(new Error(`exited early: ${run.stderr()}`)));
    });
    const exited = once(run.child, 'exit');
    try {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const behaviour = (await (await fetch(`${url}/admin/behaviour`)).json()) as { latencyMeanMs: number };
      expect(behaviour.latencyMeanMs).toBe(0);
    } finally {
      run.child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(run.stdout()).toMatch(/SIGTERM, closing/);
  });
});

function spawnCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return { child, stdout: () => stdout, stderr: () => stderr };
}
