// `gelombang serve`: the reference registration service on the embedded default (SQLite in ./data/,
// the registry stub in-process) or on PostgreSQL and an external registry.
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../../generators/options.js';
import { resolveConfig, SETTING_ENV, settingsFromEnv } from '../../target-service/config.js';
import { startService } from '../../target-service/server.js';

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
  gelombang serve --sandbox --wave-quota 1000      # a small wave: see the overflow to the next one`,
    )
    .action(async (flags: ServeFlags) => {
      const config = resolveConfig({ ...settingsFromEnv(process.env), ...definedOnly(flags) });
      const service = await startService(config);
      process.stdout.write(`gelombang service listening on ${service.url} (database: ${config.db.kind})\n`);
      let closing = false;
      const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        service.app.log.info({ signal }, 'draining');
        const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
        force.unref();
        service.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
}

function definedOnly<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<T>;
}
