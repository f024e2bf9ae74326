// `stack up` records each process before waiting on it, so `stack down` stops exactly what was started
// even when `stack up` itself was killed half-way (here: SIGKILL once two processes are recorded).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../../test/helpers/cli.js';
import { isRunning } from './processes.js';
import { type StackOptions, StackRunningError, stackDown, stackUp } from './stack.js';
import { readState } from './state.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-stack-crash-'));
afterAll(async () => {
  await stackDown(dir); // in case an assertion failed before the test's own stack down
  rmSync(dir, { recursive: true, force: true });
});

describe('stack down after a crashed stack up', () => {
  it('stops every process the killed parent had started, and only those', async () => {
    const parent = spawn(
      process.execPath,
      [
        BIN,
        'stack',
        'up',
        '--instances',
        '3',
        '--port',
        '0',
        '--engine-port',
        'off',
        '--state-dir',
        dir,
        '--scrypt-cost',
        '1024',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    let recorded = readState(dir)?.processes ?? [];
    while (recorded.length < 2 && Date.now() < deadline && parent.exitCode === null) {
      await sleep(100);
      recorded = readState(dir)?.processes ?? [];
    }
    parent.kill('SIGKILL');
    await new Promise((resolve) => parent.once('exit', resolve));
    recorded = readState(dir)?.processes ?? [];
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    expect(recorded.every(isRunning)).toBe(true); // detached: they outlived their parent

    // A second `stack up` on the same state folder refuses while those run.
    await expect(
      stackUp(
        {
          instances: 1,
          db: { kind: 'sqlite', path: join(dir, 'db') },
          freshDatabase: false,
          prometheus: false,
          prometheusBinary: 'prometheus',
          stateDir: dir,
          port: 0,
          prometheusPort: 0,
          enginePort: undefined,
          scryptCost: 1024,
          seed: 1,
          scrapeIntervalSeconds: 5,
        },
        () => {},
      ),
    ).rejects.toThrow(StackRunningError);

    const stopped = await stackDown(dir);
    expect(stopped?.map((p) => p.pid).sort()).toEqual(recorded.map((p) => p.pid).sort());
    expect(stopped?.every((p) => p.outcome === 'stopped')).toBe(true);
    expect(recorded.filter(isRunning)).toEqual([]);
    expect(readState(dir)).toBeUndefined();
  }, 90_000);

  it('on Ctrl-C stops what it had started, removes the state file, says so and exits 130', async () => {
    const interrupted = mkdtempSync(join(tmpdir(), 'gelombang-stack-sigint-'));
    try {
      const parent = spawn(
        process.execPath,
        [
          ...[BIN, 'stack', 'up', '--instances', '2', '--port', '0', '--engine-port', 'off'],
          ...['--state-dir', interrupted, '--scrypt-cost', '1024'],
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      parent.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const deadline = Date.now() + 60_000;
      let recorded = readState(interrupted)?.processes ?? [];
      while (recorded.length < 2 && Date.now() < deadline && parent.exitCode === null) {
        await sleep(100);
        recorded = readState(interrupted)?.processes ?? [];
      }
      expect(recorded.length).toBeGreaterThanOrEqual(2);
      parent.kill('SIGINT');
      const code = await new Promise((resolve) => parent.once('exit', resolve));
      expect(code, stderr).toBe(130);
      expect(stderr).toContain('interrupted (Ctrl-C)');
      expect(recorded.filter(isRunning)).toEqual([]);
      expect(readState(interrupted)).toBeUndefined();
    } finally {
      await stackDown(interrupted);
      rmSync(interrupted, { recursive: true, force: true });
    }
  }, 90_000);

  it('leaves a reused PID alone: a recorded process whose start time differs is "not running"', async () => {
    const { stopProcess } = await import('./processes.js');
    const outcome = await stopProcess(
      { role: 'service', pid: process.pid, startTicks: 1, log: '/dev/null' },
      100,
    );
    expect(outcome).toBe('not running');
  });
});

describe('stack up again in the same folder', () => {
  const again = mkdtempSync(join(tmpdir(), 'gelombang-stack-again-'));
  afterAll(async () => {
    await stackDown(again);
    rmSync(again, { recursive: true, force: true });
  });
  const options: StackOptions = {
    instances: 1,
    db: { kind: 'sqlite', path: join(again, 'gelombang.db') },
    freshDatabase: true,
    prometheus: false,
    prometheusBinary: 'prometheus',
    stateDir: again,
    port: 0,
    prometheusPort: 0,
    enginePort: undefined,
    scryptCost: 1024,
    seed: 1,
    scrapeIntervalSeconds: 5,
  };

  it("waits for its own processes, not the last run's log lines, and starts on an empty database", async () => {
    const first = await stackUp(options, () => {});
    await stackDown(again);
    const marked = new Database(join(again, 'gelombang.db'));
    marked.exec('CREATE TABLE left_by_the_last_run (x)');
    marked.close();
    const second = await stackUp(options, () => {});
    expect(second.instances[0]).not.toBe(first.instances[0]);
    expect((await fetch(`${second.balancer}/healthz`)).status).toBe(200);
    const db = new Database(join(again, 'gelombang.db'), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    db.close();
    expect(tables).not.toContain('left_by_the_last_run');
    await stackDown(again);
  }, 90_000);
});
