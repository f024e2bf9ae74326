// Starting and stopping the stack's processes: each detached in its own process group (it outlives the
// `stack up` that started it, and a signal to the group reaches any child it has), output to a log
// file, and identified by PID plus start time so that `stack down` never signals a stranger.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StackProcess, StackRole } from './state.js';

/** Start time of a process in clock ticks since boot (Linux /proc); undefined when it is gone. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // field 22 overall; fields[0] is field 3
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** True while the recorded process runs (same PID, same start time) and is not a zombie. */
export function isRunning(proc: Pick<StackProcess, 'pid' | 'startTicks'>): boolean {
  if (processStartTicks(proc.pid) !== proc.startTicks) return false;
  try {
    const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Spawns `command args` detached, stdout and stderr written to `log` (truncated first: a previous run's
 * "listening on" line must not be taken for this one's). Returns its record.
 */
export function spawnDetached(
  role: StackRole,
  command: string,
  args: readonly string[],
  log: string,
  env: NodeJS.ProcessEnv = process.env,
): StackProcess {
  const fd = openSync(log, 'w');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    const startTicks = processStartTicks(child.pid);
    if (startTicks === undefined) throw new Error(`${role} (${command}) exited at once; see ${log}`);
    return { role, pid: child.pid, startTicks, log };
  } finally {
    closeSync(fd);
  }
}

/**
 * Waits until `pattern` appears in the process's log and returns its first capture group (e.g. the
 * URL it prints once listening). Throws when the process exits first or after `timeoutMs`, quoting
 * the end of the log.
 */
export async function waitForLog(proc: StackProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readFileSync(proc.log, 'utf8');
    const match = pattern.exec(text);
    if (match) return match[1] ?? match[0];
    const tail = () => text.split('\n').slice(-15).join('\n');
    if (!isRunning(proc))
      throw new Error(`${proc.role} (pid ${proc.pid}) exited; end of ${proc.log}:\n${tail()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `${proc.role} (pid ${proc.pid}) not ready after ${timeoutMs} ms; end of ${proc.log}:\n${tail()}`,
      );
    }
    await sleep(100);
  }
}

/** Polls `url` until it answers 2xx; throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms (last: ${last})`);
}

export type StopOutcome = 'stopped' | 'killed' | 'not running';

/**
 * Stops one recorded process: SIGTERM to its process group, SIGKILL after `graceMs`. A PID that now
 * belongs to another process (different start time) is left alone and reported 'not running'.
 */
export async function stopProcess(proc: StackProcess, graceMs: number): Promise<StopOutcome> {
  if (!isRunning(proc)) return 'not running';
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid, sig); // the group: the process and any child it started
    } catch {
      try {
        process.kill(proc.pid, sig);
      } catch {
        // gone in between
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(proc)) return 'stopped';
    await sleep(100);
  }
  signal('SIGKILL');
  for (let i = 0; i < 50 && isRunning(proc); i++) await sleep(100);
  return 'killed';
}
