// `gelombang stack up|down` without Docker: the docker-compose topology as local processes. N service
// instances on one database behind a loopback balancer, the population-registry stub, and (when asked
// and installed) Debian's Prometheus scraping them all with the repository's rules. Every process is
// detached and recorded in the state file as soon as it starts; `stackDown` stops exactly those.
import { GelombangError } from '../../shared/errors.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { DbConfig } from '../../target-service/config.js';
import {
  isRunning,
  spawnDetached,
  type StopOutcome,
  stopProcess,
  waitForHttp,
  waitForLog,
} from './processes.js';
import { cliEntry, ruleFiles } from './paths.js';
import { localScrapeConfig } from './scrape-config.js';
import {
  readState,
  removeState,
  type StackProcess,
  type StackState,
  type StackUrls,
  writeState,
} from './state.js';

export type { StackUrls };

export interface StackOptions {
  /** Service instances, 1–16. */
  instances: number;
  db: DbConfig;
  /** Delete the SQLite file (and its WAL) first: each `stack up` starts on an empty database. */
  freshDatabase: boolean;
  /** Start Prometheus (the caller has checked that `prometheusBinary` exists). */
  prometheus: boolean;
  prometheusBinary: string;
  /** Folder for the state file, logs, the SQLite file and Prometheus's data. */
  stateDir: string;
  /** The balancer's port (0 = any free port). */
  port: number;
  /** Prometheus's port (0 = any free port). */
  prometheusPort: number;
  /** Port where load runs serve live metrics (`gelombang run --metrics-port`); scraped when set. */
  enginePort: number | undefined;
  /** scrypt cost of the instances (undefined: the service's default). */
  scryptCost: number | undefined;
  /** Seed of the population the registry stub answers for: the scenario's seed. */
  seed: number;
  /** Prometheus scrape and evaluation interval, seconds. */
  scrapeIntervalSeconds: number;
  /** Aborted (Ctrl-C): stop waiting, stop what was started, reject with StackInterruptedError. */
  signal?: AbortSignal | undefined;
}

/** A stack is still up (some recorded process runs): `stack down` first. */
export class StackRunningError extends GelombangError<'GLB_ERR_STACK_RUNNING'> {
  constructor(message: string) {
    super('StackRunningError', 'GLB_ERR_STACK_RUNNING', message);
  }
}

/** `stack up` was interrupted (Ctrl-C); what it had started is stopped again. */
export class StackInterruptedError extends Error {
  constructor() {
    super('interrupted (Ctrl-C); every process it had started was stopped');
    this.name = 'StackInterruptedError';
  }
}

const READY_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const LISTENING = /listening on (http:\/\/\S+)/;

/** A port free on 127.0.0.1 right now (for Prometheus, which cannot report a port it picked itself). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function hostPort(url: string): string {
  return new URL(url).host;
}

function dbArg(db: DbConfig): string {
  return db.kind === 'sqlite' ? `sqlite:${resolve(db.path)}` : db.url;
}

/**
 * Starts the stack and resolves with its URLs. `progress` gets one line per step. Throws
 * StackRunningError when the state folder records a running stack; on any other failure stops what it
 * started, then throws.
 */
export async function stackUp(opts: StackOptions, progress: (line: string) => void): Promise<StackUrls> {
  const dir = resolve(opts.stateDir);
  const previous = readState(dir);
  if (previous?.processes.some(isRunning)) {
    throw new StackRunningError(
      `a stack is already running (state in ${join(dir, 'stack.json')}); run \`gelombang stack down\` first`,
    );
  }
  mkdirSync(dir, { recursive: true });
  if (opts.freshDatabase && opts.db.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.db.path}${suffix}`, { force: true });
  }
  const state: StackState = { version: 1, startedAt: new Date().toISOString(), processes: [] };
  writeState(dir, state);
  const cli = cliEntry();
  // Every wait races the interrupt, so Ctrl-C lands in the catch below (stop what was started) at once.
  const interrupted = new Promise<never>((_resolve, reject) => {
    if (opts.signal?.aborted === true) reject(new StackInterruptedError());
    opts.signal?.addEventListener('abort', () => reject(new StackInterruptedError()), { once: true });
  });
  interrupted.catch(() => {}); // observed through step(); never an unhandled rejection
  const step = <T>(waiting: Promise<T>): Promise<T> => Promise.race([waiting, interrupted]);
  const start = (role: StackProcess['role'], name: string, command: string, args: string[]) => {
    if (opts.signal?.aborted === true) throw new StackInterruptedError();
    const proc = spawnDetached(role, command, args, join(dir, `${name}.log`));
    state.processes.push(proc);
    writeState(dir, state); // before waiting on it: a crash from here on still leaves it recorded
    return proc;
  };
  const ready = async (proc: StackProcess, pattern: RegExp) => {
    proc.url = await step(waitForLog(proc, pattern, READY_MS));
    writeState(dir, state);
    return proc.url;
  };

  try {
    progress('starting the population-registry stub…');
    const stub = start('registry-stub', 'registry-stub', process.execPath, [
      cli,
      'stub',
      'registry',
      '--port',
      '0',
      '--seed',
      String(opts.seed),
    ]);
    const registryStub = await ready(stub, LISTENING);

    const serve = (i: number) =>
      start('service', `service-${i}`, process.execPath, [
        cli,
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--db',
        dbArg(opts.db),
        '--registry-url',
        registryStub,
        '--sandbox',
        '--log-level',
        'warn',
        '--population-seed',
        String(opts.seed),
        ...(opts.scryptCost === undefined ? [] : ['--scrypt-cost', String(opts.scryptCost)]),
      ]);
    // The first instance migrates the database alone; the others start once it is ready.
    progress(`starting service instance 1 of ${opts.instances} (migrates the database)…`);
    const instances = [await ready(serve(1), LISTENING)];
    if (opts.instances > 1) progress(`starting service instances 2–${opts.instances}…`);
    const rest = Array.from({ length: opts.instances - 1 }, (_, i) => serve(i + 2));
    instances.push(...(await step(Promise.all(rest.map((proc) => ready(proc, LISTENING))))));

    progress('starting the balancer…');
    const balancer = await ready(
      start('balancer', 'balancer', process.execPath, [
        cli,
        'stack',
        'balancer',
        '--port',
        String(opts.port),
        ...instances.flatMap((url) => ['--target', url]),
      ]),
      LISTENING,
    );
    await step(waitForHttp(`${balancer}/healthz`, READY_MS));

    const urls: StackUrls = { balancer, instances, registryStub };
    if (opts.enginePort !== undefined) urls.engineMetrics = `http://127.0.0.1:${opts.enginePort}/metrics`;
    if (opts.prometheus) {
      progress('starting Prometheus…');
      const port = opts.prometheusPort === 0 ? await step(freePort()) : opts.prometheusPort;
      const configFile = join(dir, 'prometheus.yml');
      writeFileSync(
        configFile,
        localScrapeConfig({
          services: instances.map(hostPort),
          registryStub: hostPort(registryStub),
          engine: opts.enginePort === undefined ? undefined : `127.0.0.1:${opts.enginePort}`,
          prometheus: `127.0.0.1:${port}`,
          ruleFiles: ruleFiles(),
          intervalSeconds: opts.scrapeIntervalSeconds,
        }),
      );
      const prometheus = start('prometheus', 'prometheus', opts.prometheusBinary, [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-remote-write-receiver',
      ]);
      prometheus.url = `http://127.0.0.1:${port}`;
      writeState(dir, state);
      await step(waitForHttp(`${prometheus.url}/-/ready`, READY_MS));
      urls.prometheus = prometheus.url;
    }
    state.urls = urls;
    writeState(dir, state);
    return urls;
  } catch (err) {
    progress('start failed; stopping what was started…');
    await stopAll(state.processes);
    removeState(dir);
    throw err;
  }
}

export interface StoppedProcess {
  role: StackProcess['role'];
  pid: number;
  outcome: StopOutcome;
}

async function stopAll(processes: readonly StackProcess[]): Promise<StoppedProcess[]> {
  const outcomes: StoppedProcess[] = [];
  // Prometheus and the balancer first (no new traffic), then the instances drain in parallel, then the stub.
  for (const role of ['prometheus', 'balancer', 'service', 'registry-stub'] as const) {
    const mine = processes.filter((p) => p.role === role);
    const stopped = await Promise.all(mine.map((p) => stopProcess(p, STOP_GRACE_MS)));
    for (const [i, p] of mine.entries()) outcomes.push({ role: p.role, pid: p.pid, outcome: stopped[i]! });
  }
  return outcomes;
}

/** Stops every process recorded in `stateDir` and removes the state file. Undefined: no stack there. */
export async function stackDown(stateDir: string): Promise<StoppedProcess[] | undefined> {
  const dir = resolve(stateDir);
  const state = readState(dir);
  if (state === undefined) return undefined;
  const outcomes = await stopAll(state.processes);
  removeState(dir);
  return outcomes;
}
