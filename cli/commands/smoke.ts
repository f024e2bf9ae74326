// `gelombang smoke`: the CI gate. Starts the embedded service (SQLite in a temporary folder, sandbox on)
// and the population-registry stub on free loopback ports, runs the smoke scenario (~30 s, every funnel
// step) with its thresholds, stops both, and exits 0, or 99 when a threshold failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG, resolveConfig, type ServiceConfig } from '../../target-service/config.js';
import { startRegistryStub } from '../../target-service/registry/stub-server.js';
import { startService } from '../../target-service/server.js';
import { parseLoopbackTarget } from '../../scenarios/engine/target.js';
import { DURATION_FLAG_NOTE } from '../../scenarios/engine/options.js';
import { addRunFlags, optionsFromFlags, type RunFlags, runAndReport } from './run.js';
import { UsageError } from '../errors.js';

interface SmokeFlags extends Omit<RunFlags, 'target'> {
  scenario: string;
  scryptCost?: string;
  registryLatencyMs?: string;
}

/** Validated before anything starts: the registry stub's mean latency, ms. */
function registryLatency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 60_000) {
    throw new UsageError(
      `--registry-latency-ms must be a number of milliseconds from 0 to 60000; got "${value}"`,
    );
  }
  return n;
}

export function register(program: Command): void {
  const command = program
    .command('smoke')
    .description(
      'Start the embedded service and registry stub on free loopback ports, run the smoke scenario ' +
        '(~30 s through every funnel step) with its thresholds, and exit 0 or 99: the command a CI job runs.',
    )
    .option('--scenario <name>', 'the scenario to run against the embedded service', 'smoke')
    .option('--scrypt-cost <N>', 'scrypt cost of the embedded service, a power of two (default 16384)')
    .option('--registry-latency-ms <ms>', "mean latency of the registry stub (default the stub's, 80 ms)");
  addRunFlags(command)
    .addHelpText(
      'after',
      `
${DURATION_FLAG_NOTE}
Nothing outside this machine is touched: the service listens on 127.0.0.1 with a throw-away SQLite
database, the registry stub answers for the generated population. Slow either to see the gate fail.
Exit codes: 0 thresholds passed, 99 a threshold failed, 2 bad options.

Examples:
  gelombang smoke                                            # what .github/workflows/smoke-load.yml runs
  gelombang smoke --out run.json --junit smoke-junit.xml
  gelombang smoke --duration 10s --threshold 'http_req_duration{step:account}=p(95)<200'
  gelombang smoke --registry-latency-ms 1500                 # a slow Dukcapil: the profile step breaks p(95)`,
    )
    .action(async (flags: SmokeFlags) => {
      // Everything is validated before the service starts (exit 2 with nothing started).
      const latencyMs = registryLatency(flags.registryLatencyMs);
      const base = resolveConfig(flags.scryptCost === undefined ? {} : { scryptCost: flags.scryptCost });
      // The service's port is not known yet: validate against a placeholder loopback target, then aim.
      const validated = optionsFromFlags(flags.scenario, { ...flags, target: 'http://127.0.0.1:1' });

      const dir = mkdtempSync(join(tmpdir(), 'gelombang-smoke-'));
      const stub = await startRegistryStub({
        seed: validated.seed, // the stub's population must be the applicants' (same seed)
        ...(latencyMs === undefined ? {} : { behaviour: { latencyMeanMs: latencyMs } }),
      });
      const config: ServiceConfig = {
        ...base,
        host: '127.0.0.1',
        port: 0,
        db: { kind: 'sqlite', path: join(dir, 'smoke.db') },
        sandbox: true,
        logLevel: 'warn',
        registry: { ...DEFAULT_CONFIG.registry, url: stub.url },
      };
      try {
        const service = await startService(config, { logStream: process.stderr });
        try {
          process.stderr.write(
            `gelombang: embedded service on ${service.url}, registry stub on ${stub.url}\n`,
          );
          const target = parseLoopbackTarget(service.url);
          if ('error' in target) throw new Error(target.error);
          const options = { ...validated, origin: target.origin, basePath: target.basePath };
          process.exitCode = await runAndReport(options, { out: flags.out, junit: flags.junit });
        } finally {
          await service.close();
        }
      } finally {
        await stub.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
