// The CLI helper leaves nothing running: a test that times out, or a caller that aborts, stops the child
// and every process in its group (a server the command started), SIGKILL for one that ignores SIGTERM.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gelombang, KILL_GRACE_MS, runCaptured } from './cli.js';

/** True while `pid` is a process that has not exited (a zombie waiting to be reaped counts as gone). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

const dir = mkdtempSync(join(tmpdir(), 'gelombang-cli-helper-'));

describe('test/helpers/cli.ts', () => {
  test('an abort stops the child and its process group, SIGKILL for what ignores SIGTERM', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    // A child that starts a grandchild ignoring SIGTERM (as a server busy draining might), then waits. The
    // grandchild writes its pid once its handler is in place.
    const grandchildScript = `process.on('SIGTERM', () => {}); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const script = `
      require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchildScript)}], { stdio: 'ignore' });
      setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    let childPid = 0;
    const exit = runCaptured(process.execPath, ['-e', script], {
      signal: controller.signal,
      onSpawn: (pid) => {
        childPid = pid;
      },
    });
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 10_000)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(running(childPid) && running(grandchild)).toBe(true);

    controller.abort();
    expect((await exit).signal).toBe('SIGTERM');
    expect(running(childPid)).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(running(grandchild)).toBe(true); // SIGTERM ignored …
    expect(await until(() => !running(grandchild), KILL_GRACE_MS + 3000)).toBe(true); // … SIGKILL after the grace
  }, 20_000);

  let timedOutPid: number | undefined;

  // This test is meant to time out (test.fails: the timeout is its expected failure): the helper must
  // then stop `gelombang stub registry`, which would otherwise listen until the worker exits.
  test.fails('a test that times out (setup for the next test)', async () => {
    await gelombang(['stub', 'registry', '--port', '0'], {
      onSpawn: (pid) => {
        timedOutPid = pid;
      },
    });
    await new Promise(() => {}); // never settles: only the timeout ends this test
  }, 1500);

  test('… left no gelombang process behind', async () => {
    expect(timedOutPid).toBeGreaterThan(0);
    expect(await until(() => !running(timedOutPid!), KILL_GRACE_MS + 3000)).toBe(true);
  }, 10_000);

  test('a command that ends by itself is unaffected: its code and output', async () => {
    const r = await gelombang(['--version']);
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
