// The stack's state file: every process `stack up` started, written after each start (atomically, by
// rename) so that `stack down` finds them even when `stack up` crashed or was killed half-way.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type StackRole = 'registry-stub' | 'service' | 'balancer' | 'prometheus';

export interface StackProcess {
  role: StackRole;
  /** Process id; the process leads its own process group (spawned detached). */
  pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat field 22): tells our process from a reused PID. */
  startTicks: number;
  /** Where it listens, once known. */
  url?: string;
  /** Its stdout and stderr. */
  log: string;
}

/** The URLs `stack up` printed. */
export interface StackUrls {
  balancer: string;
  instances: string[];
  registryStub: string;
  prometheus?: string;
  /** Where Prometheus expects a load run's live metrics (`gelombang run --metrics-port`). */
  engineMetrics?: string;
}

export interface StackState {
  version: 1;
  startedAt: string;
  processes: StackProcess[];
  /** Filled in once everything is up. */
  urls?: StackUrls;
}

export const STATE_FILE = 'stack.json';

export function statePath(dir: string): string {
  return join(dir, STATE_FILE);
}

/** The state file cannot be read as one (edited by hand, truncated…); the message says what to do. */
export class StateFileError extends Error {
  constructor(path: string, why: string) {
    super(
      `${path} is not a gelombang stack state file (${why}): stop the processes it lists by hand if they ` +
        'still run (`ps`), then delete it',
    );
    this.name = 'StateFileError';
  }
}

/** The recorded stack, or undefined when there is no state file. @throws StateFileError when unreadable. */
export function readState(dir: string): StackState | undefined {
  const path = statePath(dir);
  if (!existsSync(path)) return undefined;
  let state: StackState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as StackState;
  } catch (err) {
    throw new StateFileError(path, err instanceof Error ? err.message : String(err));
  }
  if (state?.version !== 1 || !Array.isArray(state.processes)) {
    throw new StateFileError(path, 'not version 1');
  }
  return state;
}

export function writeState(dir: string, state: StackState): void {
  mkdirSync(dir, { recursive: true });
  const path = statePath(dir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function removeState(dir: string): void {
  rmSync(statePath(dir), { force: true });
}
