// `stack up` records each process before waiting on it, so `stack down` stops exactly what was started
// even when `stack up` itself was killed half-way (here: SIGKILL once two processes are recorded).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../../test/helpers/cli.js';
import { isRunning } from './processes.js';
import { StackRunningError, stackDown, stackUp } from './stack.js';
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

  it('leaves a reused PID alone: a recorded process whose start time differs is "not running"', async () => {
    const { stopProcess } = await import('./processes.js');
    const outcome = await stopProcess(
      { role: 'service', pid: process.pid, startTicks: 1, log: '/dev/null' },
      100,
    );
    expect(outcome).toBe('not running');
  });
});
