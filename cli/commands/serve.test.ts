// `gelombang serve`: every flag is checked before anything starts, with a message that names the flag and
// its environment variable; env vars configure it when flags are absent.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });

/** As `cli`, without blocking this process's event loop (which here holds a port the child must find taken). */
const cliAsync = (args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });

describe('gelombang serve', () => {
  test.each([
    [['--port', 'eighty'], {}, /--port \/ PORT must be a whole number/],
    [['--port', '70000'], {}, /--port \/ PORT must be a whole number from 0 to 65535/],
    [['--db', 'mysql://x'], {}, /must be sqlite:PATH or postgres:\/\//],
    [['--scrypt-cost', '1000'], {}, /must be a power of two/],
    [['--registry-url', 'ftp://x'], {}, /must be an http:\/\/ or https:\/\/ URL/],
    [['--log-level', 'loud'], {}, /--log-level \/ LOG_LEVEL must be one of/],
    [[], { PORT: 'abc' }, /--port \/ PORT must be a whole number/],
    [[], { GELOMBANG_SANDBOX: 'maybe' }, /--sandbox \/ GELOMBANG_SANDBOX must be true or false/],
    [['--waiting-room-rate', '-5'], {}, /--waiting-room-rate \/ WAITING_ROOM_RATE must be a whole number/],
    [
      ['--shed-event-loop-utilization', '1.5'],
      {},
      /SHED_EVENT_LOOP_UTILIZATION must be a number from 0 to 1/,
    ],
    [[], { REGIONAL_OFFICE_KEYS: 'papua=short' }, /REGIONAL_OFFICE_KEYS must be office:key pairs/],
    [['--admin-key', 'short'], {}, /--admin-key \/ ADMIN_KEY must be 16–256/],
    [
      ['--registry-concurrency', 'many'],
      {},
      /--registry-concurrency \/ REGISTRY_CONCURRENCY must be a whole number/,
    ],
  ])('%j %j → exit 2 with a message', (args, env, message) => {
    const run = cli(['serve', ...args], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toContain('listening');
  });

  test('a taken port: exit 2 naming --port, no stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'gelombang-serve-port-'));
      const run = await cliAsync(['serve', '--port', String(port), '--db', `sqlite:${join(dir, 'x.db')}`]);
      rmSync(dir, { recursive: true, force: true });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`--port ${port}: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  test.each([
    ['nothing listens', 'postgres://postgres:secret@127.0.0.1:1/test', /ECONNREFUSED/],
    ['no such database', 'postgres://postgres@127.0.0.1:5432/gelombang_no_such_db', /3D000/],
  ])(
    'a database that cannot be opened (%s): exit 1 saying what to do, no stack, no password',
    (_why, url, code) => {
      const run = cli(['serve', '--port', '0', '--db', url]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(code);
      expect(run.stderr).toContain(
        'Start PostgreSQL, create the database (createdb), or fix --db / DATABASE_URL',
      );
      expect(run.stderr).not.toContain('secret');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );

  test('--help teaches the flags, their env vars and examples', () => {
    const run = cli(['serve', '--help']);
    expect(run.status).toBe(0);
    for (const text of ['--db <url>', 'DATABASE_URL', 'REGISTRY_URL', 'PORT', '--sandbox', 'Examples:']) {
      expect(run.stdout).toContain(text);
    }
  });

  test('environment variables configure the service; SIGTERM exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gelombang-serve-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'env.db')}`, LOG_LEVEL: 'warn' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += String(c);
          const m = /listening on (http:\/\/\S+) \(database: sqlite\)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
