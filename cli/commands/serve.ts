// `gelombang serve`: the reference registration service on the embedded default (SQLite in ./data/,
// the registry stub in-process) or on PostgreSQL and an external registry.
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../../generators/options.js';
import { availableParallelism } from 'node:os';
import { isClusterWorker, startCluster, startClusterWorker } from '../../target-service/cluster.js';
import {
  resolveConfig,
  SETTING_ENV,
  type ServiceConfig,
  settingsFromEnv,
} from '../../target-service/config.js';
import { type RunningService, startService } from '../../target-service/server.js';
import { EXIT, UsageError } from '../errors.js';

/** What the database driver says when it cannot reach or open the database (node errno, PostgreSQL SQLSTATE). */
const DATABASE_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '3D000', // invalid_catalog_name: no such database
  '28P01', // invalid_password
  '28000', // invalid_authorization_specification: no such role, pg_hba refuses
]);

/** postgres://user:secret@host/db → postgres://user:***@host/db: a URL we print keeps no password. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Starts the service; the start failures a user causes (port taken, database down or misnamed) become a
 * message saying what to do — UsageError (exit 2) for the port, exit 1 for the database — not a stack trace.
 */
async function start(config: ServiceConfig): Promise<RunningService | undefined> {
  try {
    return await startService(config);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const syscall = (err as NodeJS.ErrnoException).syscall;
    if (syscall === 'listen' && (code === 'EADDRINUSE' || code === 'EACCES')) {
      throw new UsageError(
        `--port ${config.port}: cannot listen on ${config.host}:${config.port} (${code}); pick another ` +
          '--port / PORT, or 0 for any free port',
      );
    }
    if (config.db.kind === 'postgres' && code !== undefined && DATABASE_UNREACHABLE.has(code)) {
      process.stderr.write(
        `gelombang: cannot open the database ${withoutPassword(config.db.url)}: ${(err as Error).message} ` +
          `(${code}). Start PostgreSQL, create the database (createdb), or fix --db / ${SETTING_ENV.db}\n`,
      );
      process.exitCode = EXIT.FAILED;
      return undefined;
    }
    throw err;
  }
}

interface ServeFlags {
  host?: string;
  port?: string;
  db?: string;
  registryUrl?: string;
  sandbox?: boolean;
  scryptCost?: string;
  logLevel?: string;
  registryTimeoutMs?: string;
  registryMaxInFlight?: string;
  populationSeed?: string;
  registryConcurrency?: string;
  waitingRoomRate?: string;
  shedEventLoopDelayMs?: string;
  shedHeapUsedMb?: string;
  shedEventLoopUtilization?: string;
  regionalOfficeKeys?: string;
  adminKey?: string;
  workers?: string;
  dataDir?: string;
  uploadMaxBytes?: string;
  waveQuota?: string;
  waveFirstOpensAt?: string;
  waveClock?: string;
  passMark?: string;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Start the reference registration service (Fastify) with its database and registry stub')
    .option('--host <host>', `address to listen on [env ${SETTING_ENV.host}] (default 127.0.0.1)`)
    .option('--port <port>', `port to listen on, 0 = any free port [env ${SETTING_ENV.port}] (default 3000)`)
    .option(
      '--db <url>',
      `sqlite:PATH or postgres://user@host:5432/db [env ${SETTING_ENV.db}] (default sqlite:./data/gelombang.db)`,
    )
    .option(
      '--registry-url <url>',
      `population registry base URL [env ${SETTING_ENV.registryUrl}] (default: start the stub in-process)`,
    )
    .option(
      '--sandbox',
      `let applicants read their own verification mail, for load tests [env ${SETTING_ENV.sandbox}]`,
    )
    .option(
      '--scrypt-cost <N>',
      `scrypt cost N, a power of two [env ${SETTING_ENV.scryptCost}] (default 16384)`,
    )
    .option('--log-level <level>', `fatal|error|warn|info|debug|trace|silent [env ${SETTING_ENV.logLevel}]`)
    .option('--registry-timeout-ms <ms>', `per-call registry timeout [env ${SETTING_ENV.registryTimeoutMs}]`)
    .option('--registry-max-in-flight <n>', `registry bulkhead size [env ${SETTING_ENV.registryMaxInFlight}]`)
    .option(
      '--population-seed <n>',
      `seed of the applicants the in-process registry stub knows; match the scenario's [env ${SETTING_ENV.populationSeed}] (default ${DEFAULT_SEED})`,
    )
    .option(
      '--registry-concurrency <n>',
      `the registry's quota of calls in flight, when known; 0 = adapt to its 429s (AIMD) [env ${SETTING_ENV.registryConcurrency}] (default 0)`,
    )
    .option(
      '--waiting-room-rate <n>',
      `admit N new sign-ups per second, queue the rest (429 + Retry-After + ticket); 0 = off [env ${SETTING_ENV.waitingRoomRate}]`,
    )
    .option(
      '--shed-event-loop-delay-ms <ms>',
      `shed requests (503 + Retry-After) past this mean event-loop delay; 0 = off [env ${SETTING_ENV.shedEventLoopDelayMs}]`,
    )
    .option(
      '--shed-heap-used-mb <MB>',
      `shed requests past this V8 heap in use; 0 = off [env ${SETTING_ENV.shedHeapUsedMb}]`,
    )
    .option(
      '--shed-event-loop-utilization <0..1>',
      `shed requests past this event-loop utilisation; 0 = off [env ${SETTING_ENV.shedEventLoopUtilization}]`,
    )
    .option(
      '--regional-office-keys <office:key,…>',
      `API keys of the regional offices allowed to POST /api/v1/bulk-registrations; prefer the env var [env ${SETTING_ENV.regionalOfficeKeys}]`,
    )
    .option(
      '--admin-key <key>',
      `key for the admin routes (wave selection), 16+ characters; prefer the env var [env ${SETTING_ENV.adminKey}]`,
    )
    .option(
      '--workers <n>',
      'processes serving one port (node:cluster), 1 = this process only; /metrics aggregates them [env WORKERS] (default 1)',
    )
    .option('--data-dir <dir>', `where uploaded KTP photos and selfies are kept [env ${SETTING_ENV.dataDir}]`)
    .option(
      '--upload-max-bytes <n>',
      `per-file upload limit [env ${SETTING_ENV.uploadMaxBytes}] (default 2097152 = 2 MiB)`,
    )
    .option('--wave-quota <n>', `places per wave [env ${SETTING_ENV.waveQuota}] (default 164000)`)
    .option(
      '--wave-first-opens-at <instant>',
      `wave 1's opening; waves follow weekly [env ${SETTING_ENV.waveFirstOpensAt}] (default 2020-04-11T19:00:00+07:00)`,
    )
    .option(
      '--wave-clock <replay|wall>',
      `replay: the calendar starts at wave 1's opening when the service starts [env ${SETTING_ENV.waveClock}] (default replay)`,
    )
    .option('--pass-mark <share>', `aptitude test pass mark [env ${SETTING_ENV.passMark}] (default 0.6)`)
    .addHelpText(
      'after',
      `
Flags override environment variables, which override the defaults.

Examples:
  gelombang serve                                  # SQLite in ./data/, registry stub in-process, port 3000
  gelombang serve --sandbox --scrypt-cost 1024     # for load tests: cheaper hashing, readable outbox
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test gelombang serve --port 8080
  gelombang stub registry --port 4000 --max-concurrent 20 &
  gelombang serve --registry-url http://127.0.0.1:4000   # replay the 2020 registry bottleneck
  gelombang serve --waiting-room-rate 200 --shed-event-loop-delay-ms 200   # admission control on
  gelombang serve --workers 2 --db postgres://postgres@127.0.0.1:5432/test  # both cores, one port
  gelombang serve --sandbox --wave-quota 1000      # a small wave: see the overflow to the next one`,
    )
    .action(async (flags: ServeFlags) => {
      const { workers: workersFlag, ...settings } = flags;
      const config = resolveConfig({ ...settingsFromEnv(process.env), ...definedOnly(settings) });
      const workers = parseWorkers(workersFlag ?? process.env['WORKERS']);
      if (isClusterWorker()) return serveUntilSignal(await startClusterWorker(config), config);
      if (workers > 1) {
        const running = await startCluster(config, workers, (line) => process.stderr.write(`${line}\n`));
        process.stdout.write(
          `gelombang service listening on ${running.url} (database: ${config.db.kind}, workers: ${workers})\n`,
        );
        return serveUntilSignal(running, config);
      }
      const service = await start(config);
      if (service === undefined) return;
      process.stdout.write(`gelombang service listening on ${service.url} (database: ${config.db.kind})\n`);
      serveUntilSignal(service, config, (signal) => service.app.log.info({ signal }, 'draining'));
    });
}

/** Drains on SIGTERM / SIGINT and exits 0, or 1 when draining fails or outlasts the grace period. */
function serveUntilSignal(
  running: { close(): Promise<void> },
  config: ServiceConfig,
  onSignal: (signal: string) => void = () => {},
): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    onSignal(signal);
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    force.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(
      `--workers / WORKERS must be a whole number from 1 to 64 (try the number of cores, ${availableParallelism()}); got "${value}"`,
    );
  }
  return n;
}

function definedOnly<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<T>;
}
