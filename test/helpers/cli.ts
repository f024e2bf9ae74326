// Runs the published `gelombang` entry (bin/gelombang.js) as a child process, as a user or a CI job does,
// and resolves with its exit code and output.
//
// The child leads its own process group (detached), so whatever it starts without detaching (the demo's
// service and registry stub, `serve --cluster` workers) is in that group too. When the calling test times
// out or is cancelled (vitest aborts the test's signal), when the caller's own signal aborts, or when this
// process exits, the whole group gets SIGTERM, then SIGKILL after a grace: a timed-out test leaves no
// server running on the 2 shared cores.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestRunner } from 'vitest';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gelombang.js');

/** How long a group has between SIGTERM and SIGKILL (the CLI drains and closes its servers on SIGTERM). */
export const KILL_GRACE_MS = 3000;

export interface Exit {
  code: number | null;
  /** The signal that ended the child, when one did (SIGTERM, SIGKILL after an abort). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** Kill the child's process group when this aborts (the calling test's signal is always watched). */
  signal?: AbortSignal | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  /** Called with the child's pid (= its process group id) once it is started. */
  onSpawn?: ((pid: number) => void) | undefined;
}

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

// A worker that exits (vitest tearing it down) takes its children's groups with it.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

/** Stops a child and its process group: SIGTERM now, SIGKILL to whatever is left after the grace. */
export function stopGroup(child: ChildProcess): void {
  killGroup(child, 'SIGTERM');
  setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS).unref();
}

/** The test running now, if any (not in beforeAll / afterAll, nor outside vitest). */
function currentTestSignal(): AbortSignal | undefined {
  try {
    return TestRunner.getCurrentTest()?.context.signal;
  } catch {
    return undefined;
  }
}

/** Runs `command args` in its own process group, capturing its output; stops the group on abort. */
export function runCaptured(command: string, args: string[], options: SpawnOptions = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: options.env ?? process.env,
    });
    live.add(child);
    const signals = [options.signal, currentTestSignal()].filter((s) => s !== undefined);
    const stop = () => stopGroup(child);
    for (const s of signals) {
      if (s.aborted) stop();
      else s.addEventListener('abort', stop, { once: true });
    }
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const forget = () => {
      live.delete(child);
      for (const s of signals) s.removeEventListener('abort', stop);
    };
    child.on('error', (err) => {
      forget();
      reject(err);
    });
    child.on('close', (code, signal) => {
      forget();
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function gelombang(args: string[], options: SpawnOptions = {}): Promise<Exit> {
  return runCaptured(process.execPath, [BIN, ...args], options);
}
