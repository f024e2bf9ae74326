// `gelombang stack up|down`: the docker-compose topology without Docker (N service instances behind a
// loopback balancer, the registry stub, Debian's Prometheus). Wiring and flag checks only; the work is in
// deploy/stack/. `stack balancer` is the balancer process itself, started by `stack up`.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../../generators/options.js';
import { ConfigError, type DbConfig, parseDb, resolveConfig } from '../../target-service/config.js';
import { startBalancer } from '../../deploy/stack/balancer.js';
import {
  StackInterruptedError,
  type StackOptions,
  StackRunningError,
  stackDown,
  stackUp,
} from '../../deploy/stack/stack.js';
import { StateFileError } from '../../deploy/stack/state.js';
import { EXIT, UsageError } from '../errors.js';

export interface StackUpFlags {
  instances?: string;
  db?: string;
  prometheus?: boolean;
  port?: string;
  prometheusPort?: string;
  enginePort?: string;
  scryptCost?: string;
  seed?: string;
  stateDir?: string;
  scrapeInterval?: string;
}

export const DEFAULT_STATE_DIR = '.gelombang/stack';

function whole(flag: string, text: string, min: number, max: number, hint = ''): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}${hint}; got "${text}"`);
  }
  return n;
}

/** The first executable called `name` on PATH, or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

function database(text: string, stateDir: string, instances: number): DbConfig {
  let db: DbConfig;
  try {
    db = text === 'sqlite' ? { kind: 'sqlite', path: join(stateDir, 'gelombang.db') } : parseDb(text);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message.replace('--db / DATABASE_URL', '--db'));
    throw err;
  }
  if (db.kind === 'sqlite' && db.path === ':memory:' && instances > 1) {
    throw new UsageError(
      '--db sqlite::memory: gives each instance its own database; use --db sqlite (a file) or postgres://…',
    );
  }
  return db;
}

/** The state folder must be a folder we can create or write in; checked before anything starts. */
function checkStateDir(stateDir: string): void {
  const hint = 'give a folder you can write to, e.g. --state-dir /tmp/gelombang-stack';
  if (existsSync(stateDir) && !statSync(stateDir).isDirectory()) {
    throw new UsageError(`--state-dir ${stateDir} is a file, not a folder; ${hint}`);
  }
  let existing = resolve(stateDir);
  while (!existsSync(existing)) existing = dirname(existing);
  const folder = statSync(existing).isDirectory();
  let writable = folder;
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new UsageError(
      `--state-dir ${stateDir}: ${existing} is ${folder ? 'not writable' : 'a file, not a folder'}; ${hint}`,
    );
  }
}

/** Checks every flag before anything starts (UsageError, exit 2). */
export function parseStackUpFlags(flags: StackUpFlags, path = process.env.PATH): StackOptions {
  const stateDir = flags.stateDir ?? DEFAULT_STATE_DIR;
  checkStateDir(stateDir);
  const instances = whole('--instances', flags.instances ?? '2', 1, 16);
  const db = database((flags.db ?? 'sqlite').trim(), stateDir, instances);
  const prometheusBinary = findOnPath('prometheus', path);
  if (flags.prometheus && prometheusBinary === undefined) {
    throw new UsageError(
      '--prometheus: Prometheus is not installed. On Debian or Ubuntu: apt-get install -y prometheus ' +
        '(or run without --prometheus and point your own Prometheus at the printed /metrics URLs)',
    );
  }
  let scryptCost: number | undefined;
  if (flags.scryptCost !== undefined) {
    try {
      scryptCost = resolveConfig({ scryptCost: flags.scryptCost }).scryptCost;
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
  }
  const enginePort = flags.enginePort ?? '9465';
  return {
    instances,
    db,
    freshDatabase: (flags.db ?? 'sqlite').trim() === 'sqlite',
    prometheus: flags.prometheus === true,
    prometheusBinary: prometheusBinary ?? 'prometheus',
    stateDir,
    port: whole('--port', flags.port ?? '8080', 0, 65535, ' (0 = any free port)'),
    prometheusPort: whole(
      '--prometheus-port',
      flags.prometheusPort ?? '9090',
      0,
      65535,
      ' (0 = any free port)',
    ),
    enginePort: enginePort === 'off' ? undefined : whole('--engine-port', enginePort, 1, 65535, ' or off'),
    scryptCost,
    seed: whole('--seed', flags.seed ?? String(DEFAULT_SEED), 0, 2 ** 32 - 1),
    scrapeIntervalSeconds: whole('--scrape-interval', flags.scrapeInterval ?? '5', 1, 300, ' seconds'),
  };
}

/** Refuses a port that something already listens on, before anything starts. */
async function checkPortFree(flag: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new UsageError(
          `${flag} ${port}: 127.0.0.1:${port} is not free (${err.code}); pick another ${flag}, or 0 for any free port`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** 128 + SIGINT, the shell's code for a command stopped by Ctrl-C. */
const EXIT_INTERRUPTED = 130;

/** ` --state-dir DIR` when the user gave one: commands we print must point at the same stack. */
function stateDirFlag(flags: { stateDir?: string }): string {
  return flags.stateDir === undefined ? '' : ` --state-dir ${flags.stateDir}`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function register(program: Command): void {
  const stack = program
    .command('stack')
    .description(
      'Start or stop the full stack as local processes (no Docker): instances, balancer, registry stub, Prometheus',
    );

  stack
    .command('up')
    .description(
      'Start N service instances on one database behind a loopback balancer, the population-registry stub ' +
        'and, with --prometheus, Prometheus with the repository’s rules; print every URL and return.',
    )
    .option('--instances <n>', 'service instances, 1–16 (default 2)')
    .option(
      '--db <db>',
      'sqlite (a fresh file in the state folder on each stack up), sqlite:PATH (kept) or postgres://user@host:5432/db (default sqlite)',
    )
    .option('--prometheus', 'also start Prometheus (Debian: apt-get install -y prometheus)')
    .option('--port <port>', 'balancer port on 127.0.0.1, 0 = any free port (default 8080)')
    .option('--prometheus-port <port>', 'Prometheus port on 127.0.0.1, 0 = any free port (default 9090)')
    .option(
      '--engine-port <port>',
      'port where `gelombang run --metrics-port` serves live metrics, scraped by Prometheus, or off (default 9465)',
    )
    .option(
      '--scrypt-cost <N>',
      'scrypt cost of the instances, a power of two (default 16384; 1024 for load tests on one machine)',
    )
    .option('--seed <n>', `population seed of the registry stub: the scenario's (default ${DEFAULT_SEED})`)
    .option('--scrape-interval <s>', 'Prometheus scrape and rule interval, seconds (default 5)')
    .option(
      '--state-dir <dir>',
      `state file, logs, SQLite file and Prometheus data (default ${DEFAULT_STATE_DIR})`,
    )
    .addHelpText(
      'after',
      `
Every process runs detached, with its log in the state folder, and is recorded in stack.json as soon as
it starts: \`gelombang stack down\` stops exactly those, even if \`stack up\` was interrupted. The
instances run with --sandbox (load tests read their own verification mail). Several instances on one
SQLite file work (WAL, 5 s busy timeout) but write slower than PostgreSQL: use postgres:// for big runs.

Examples:
  gelombang stack up --prometheus                          # 2 instances on SQLite, balancer on :8080
  gelombang run smoke --target http://127.0.0.1:8080 --metrics-port 9465
  gelombang stack down
  gelombang stack up --instances 4 --db postgres://postgres@127.0.0.1:5432/test --scrypt-cost 1024
  gelombang stack up --port 0 --prometheus --prometheus-port 0 --engine-port 9466 --state-dir /tmp/stack-b
                                                           # a second, independent stack on free ports`,
    )
    .action(async (flags: StackUpFlags) => {
      const options = parseStackUpFlags(flags);
      if (!options.prometheus && findOnPath('prometheus') === undefined) {
        process.stderr.write(
          'gelombang: Prometheus is not installed (apt-get install -y prometheus); starting without it\n',
        );
      }
      if (options.db.kind === 'sqlite' && options.instances > 1) {
        process.stderr.write(
          `gelombang: ${options.instances} instances share one SQLite file (WAL, busy timeout 5 s); use postgres:// for heavy write loads\n`,
        );
      }
      await checkPortFree('--port', options.port);
      if (options.prometheus) await checkPortFree('--prometheus-port', options.prometheusPort);
      // Ctrl-C: stop what was started rather than leave it running unannounced; Ctrl-C again quits at once
      // (then `stack down` stops what is recorded).
      const interrupt = new AbortController();
      const onSigint = () => {
        if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
        interrupt.abort();
      };
      process.on('SIGINT', onSigint);
      let urls: Awaited<ReturnType<typeof stackUp>>;
      try {
        urls = await stackUp({ ...options, signal: interrupt.signal }, (line) =>
          process.stderr.write(`gelombang: ${line}\n`),
        );
      } catch (err) {
        if (err instanceof StackRunningError) {
          throw new UsageError(
            `a stack is already running (state in ${join(options.stateDir, 'stack.json')}); run ` +
              `\`gelombang stack down${stateDirFlag(flags)}\` first`,
          );
        }
        if (err instanceof StackInterruptedError) {
          process.stderr.write(`gelombang: stack up ${err.message}\n`);
          process.exit(EXIT_INTERRUPTED); // the readiness polls of what was stopped would hold the loop
        }
        // A process that would not start: its log tail says why; everything started was stopped.
        process.stderr.write(
          `gelombang: stack up failed: ${err instanceof Error ? err.message : String(err)}\n`,
        );
        process.exitCode = EXIT.FAILED;
        return;
      } finally {
        process.off('SIGINT', onSigint);
      }
      const lines = [
        `balancer        ${urls.balancer}`,
        ...urls.instances.map(
          (url, i) => `instance ${String(i + 1).padEnd(6)} ${url}   (metrics ${url}/metrics)`,
        ),
        `registry stub   ${urls.registryStub}   (metrics ${urls.registryStub}/metrics)`,
        urls.prometheus === undefined
          ? 'prometheus      not started (add --prometheus)'
          : `prometheus      ${urls.prometheus}`,
        ...(urls.engineMetrics === undefined
          ? []
          : [`engine metrics  ${urls.engineMetrics} (scraped while a run lasts)`]),
        `state and logs  ${options.stateDir}/`,
        '',
        `Next: gelombang run smoke --target ${urls.balancer}` +
          (urls.engineMetrics === undefined ? '' : ` --metrics-port ${new URL(urls.engineMetrics).port}`),
        `Stop: gelombang stack down${stateDirFlag(flags)}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  stack
    .command('down')
    .description(
      'Stop every process `gelombang stack up` started (from its state file) and remove the state file',
    )
    .option('--state-dir <dir>', `where stack up kept its state (default ${DEFAULT_STATE_DIR})`)
    .action(async (flags: { stateDir?: string }) => {
      const stateDir = flags.stateDir ?? DEFAULT_STATE_DIR;
      let stopped: Awaited<ReturnType<typeof stackDown>>;
      try {
        stopped = await stackDown(stateDir);
      } catch (err) {
        if (!(err instanceof StateFileError)) throw err;
        process.stderr.write(`gelombang: ${err.message}\n`);
        process.exitCode = EXIT.FAILED;
        return;
      }
      if (stopped === undefined) {
        process.stdout.write(`no stack recorded in ${stateDir}/ (nothing to stop)\n`);
        return;
      }
      for (const p of stopped)
        process.stdout.write(`${p.role.padEnd(14)} pid ${String(p.pid).padEnd(8)} ${p.outcome}\n`);
    });

  stack
    .command('balancer', { hidden: true })
    .description('Run the stack’s round-robin balancer (started by `stack up`)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port, 0 = any free port', '0')
    .option('--target <url>', 'a service instance base URL (repeatable)', collect)
    .action(async (flags: { host: string; port: string; target?: string[] }) => {
      const targets = flags.target ?? [];
      if (targets.length === 0) throw new UsageError('--target: give at least one instance URL');
      for (const t of targets) {
        if (!/^http:\/\/\S+$/.test(t)) throw new UsageError(`--target must be an http:// URL; got "${t}"`);
      }
      const balancer = await startBalancer({
        host: flags.host,
        port: whole('--port', flags.port, 0, 65535, ' (0 = any free port)'),
        targets,
      });
      process.stdout.write(`balancer listening on ${balancer.url} → ${targets.join(', ')}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => balancer.close().then(resolve, resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
