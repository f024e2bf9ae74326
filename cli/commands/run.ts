// `gelombang run SCENARIO --target URL`: an open-model load run of a named scenario against a loopback
// service. Wiring only: flags → validateRunOptions (exit 2 before any request) → the engine → summary,
// run.json, JUnit → exit 0, or 99 when a threshold failed.
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { startRun } from '../../scenarios/engine/engine.js';
import { toJUnit } from '../../scenarios/engine/junit.js';
import { isEngineOptionsError } from '../../scenarios/engine/errors.js';
import { DURATION_FLAG_NOTE, type RunOptions, validateRunOptions } from '../../scenarios/engine/options.js';
import { preflight } from '../../scenarios/engine/preflight.js';
import { parseThresholdFlags } from '../../scenarios/engine/run-thresholds.js';
import { attachProgress } from '../../scenarios/engine/progress.js';
import { thresholdsFailed } from '../../scenarios/engine/run-result.js';
import { formatSummary } from '../../scenarios/engine/summary.js';
import { EXIT, UsageError } from '../errors.js';

export interface RunFlags {
  target: string;
  scale?: string;
  timeScale?: string;
  thinkScale?: string;
  duration?: string;
  seed?: string;
  arrivals?: string;
  workers?: string;
  maxInFlight?: string;
  connections?: string;
  timeout?: string;
  gracefulStop?: string;
  metricsPort?: string;
  threshold?: string[] | undefined;
  out?: string;
  junit?: string;
}

export interface ReportFiles {
  out?: string | undefined;
  junit?: string | undefined;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Refuses an output path whose folder does not exist or is not writable, before the run starts. */
export function checkWritable(flag: string, path: string | undefined): void {
  if (path === undefined) return;
  // `--out "$OUT"` with OUT unset: the run would go ahead and fail to write at its end.
  if (path.trim() === '')
    throw new UsageError(`${flag} is empty; give a file name, e.g. ${flag} result.json`);
  // A folder passes the parent's check and fails only at the end, after the whole run.
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(
      `${flag} ${path} is a folder; give a file name in it, e.g. ${join(path, 'result.json')}`,
    );
  }
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch {
    throw new UsageError(
      `${flag} ${path}: the folder ${dirname(resolve(path))} does not exist or is not writable`,
    );
  }
}

/** The run options shared by `run` and `smoke`. */
export function addRunFlags(command: Command): Command {
  return command
    .option('--scale <x>', 'rate multiplier: 0.005 sends one arrival in 200 (default 1)')
    .option('--time-scale <x>', 'time compression: 60 plays an hour in a minute (default 1)')
    .option('--think-scale <x>', 'multiplies think times and human retry delays (default 1 / time-scale)')
    .option(
      '--duration <d>',
      'run only this much of the profile, with a unit: 30s, 5m, 1h30m (default: all of it)',
    )
    .option('--seed <n>', "arrivals and applicants seed (default: the scenario's)")
    .option('--arrivals <process>', 'poisson or uniform (default poisson)')
    .option('--workers <n>', 'worker threads sharing the arrivals (default 1)')
    .option(
      '--max-in-flight <n>',
      'cap on journeys in flight; arrivals beyond it are dropped and counted (default 20000)',
    )
    .option('--connections <n>', 'HTTP connections to the target (default 128)')
    .option('--timeout <d>', 'per-request timeout from the actual send (default 30s)')
    .option(
      '--graceful-stop <d>',
      'time for journeys in flight to finish after the last arrival (default 30s)',
    )
    .option('--metrics-port <port>', 'serve live Prometheus metrics (k6 names) on 127.0.0.1:PORT/metrics')
    .option(
      '--threshold <metric=expr>',
      "replace the scenario's thresholds on METRIC, e.g. 'http_req_duration{step:account}=p(95)<500' (repeatable)",
      collect,
    )
    .option('--out <file>', 'write the RunResult (run.json) here')
    .option('--junit <file>', 'write a JUnit report (one testcase per threshold) here');
}

/** The engine's own error for bad options becomes the CLI's UsageError (exit 2); others pass through. */
export function asUsageError(err: unknown): unknown {
  return isEngineOptionsError(err) ? new UsageError(err.message, err.code) : err;
}

/** Flags → validated options. Throws UsageError (exit 2) before anything is sent. */
export function optionsFromFlags(scenario: string, flags: RunFlags): RunOptions {
  checkWritable('--out', flags.out);
  checkWritable('--junit', flags.junit);
  try {
    return validateFlags(scenario, flags);
  } catch (err) {
    throw asUsageError(err);
  }
}

function validateFlags(scenario: string, flags: RunFlags): RunOptions {
  return validateRunOptions({
    scenario,
    target: flags.target,
    scale: flags.scale,
    timeScale: flags.timeScale,
    thinkScale: flags.thinkScale,
    duration: flags.duration,
    seed: flags.seed,
    arrivalProcess: flags.arrivals,
    workers: flags.workers,
    maxInFlight: flags.maxInFlight,
    connections: flags.connections,
    timeout: flags.timeout,
    gracefulStop: flags.gracefulStop,
    metricsPort: flags.metricsPort,
    thresholds: parseThresholdFlags(flags.threshold ?? []),
  });
}

/** Exit status of a process killed by a signal without a summary (128 + signal number). */
const KILLED: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/** Checks the target and its population (exit 2 when either is wrong), runs, shows progress on a TTY,
 *  prints the summary, writes the files; returns the exit code: 0, 99 thresholds failed, or 105 when
 *  SIGINT or SIGTERM cut the run short (arrivals stopped, journeys in flight drained within the graceful
 *  stop, every file written). A second signal quits at once without a summary (130 or 143). */
export async function runAndReport(options: RunOptions, files: ReportFiles): Promise<number> {
  try {
    const checked = await preflight(options);
    process.stderr.write(`gelombang: preflight: ${checked.note}\n`);
  } catch (err) {
    throw asUsageError(err);
  }
  const run = startRun(options);
  const stopProgress = attachProgress(run, process.stderr);
  let interruptedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (interruptedBy !== undefined) process.exit(KILLED[signal]);
    interruptedBy = signal;
    run.stop(
      signal === 'SIGINT'
        ? 'interrupted (Ctrl-C); press again to quit without a summary'
        : 'terminated (SIGTERM); a second SIGTERM quits without a summary',
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  run.once('aborted', (reason) => {
    stopProgress();
    process.stderr.write(`gelombang: arrivals stopped: ${reason}; draining journeys in flight…\n`);
  });
  const metricsAnnounce = setTimeout(() => {
    if (run.metricsUrl !== undefined) process.stderr.write(`gelombang: live metrics on ${run.metricsUrl}\n`);
  }, 100);
  process.stderr.write(
    `gelombang: ${options.scenario.name} → ${options.origin}${options.basePath} for ${options.durationSeconds}s ` +
      `(${options.workers} worker${options.workers === 1 ? '' : 's'}, seed ${options.seed})\n`,
  );
  try {
    const result = await run.result;
    stopProgress();
    process.stdout.write(`\n${formatSummary(result)}`);
    if (files.out !== undefined) writeFileSync(files.out, `${JSON.stringify(result, null, 1)}\n`);
    if (files.junit !== undefined) writeFileSync(files.junit, toJUnit(result));
    if (interruptedBy !== undefined) {
      process.stderr.write(
        `gelombang: the run was cut short by ${interruptedBy}: results cover ${result.durationSeconds.toFixed(1)} s ` +
          `of arrivals (exit ${EXIT.INTERRUPTED})\n`,
      );
      return EXIT.INTERRUPTED;
    }
    return thresholdsFailed(result) ? EXIT.THRESHOLDS : EXIT.OK;
  } finally {
    clearTimeout(metricsAnnounce);
    stopProgress();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function register(program: Command): void {
  const command = program
    .command('run')
    .description(
      'Run a scenario against a service on this machine: arrivals follow the profile whether or not the ' +
        'service keeps up (an open model); latency is measured from when each request should have been sent.',
    )
    .argument('<scenario>', 'a scenario name (`gelombang scenarios` lists them)')
    .requiredOption(
      '--target <url>',
      'the service under test, a loopback http:// URL, e.g. http://127.0.0.1:3000',
    );
  addRunFlags(command)
    .addHelpText(
      'after',
      `
${DURATION_FLAG_NOTE}
The summary shows, per funnel step, latency from the intended send (what a person waited) and from the
actual send (what the server took); a gap between them is queueing in the client or the network.
Before the first arrival the target's /readyz must answer, and when it names its registry's population
seed, that seed must be the run's (else exit 2, nothing sent).
Exit codes: 0 thresholds passed, 99 a threshold failed, 2 bad options or a target that is down or does
not know the run's applicants (nothing was sent), 105 cut short by SIGINT/SIGTERM (summary, run.json and
JUnit still written: arrivals stop, journeys in flight drain within --graceful-stop).

Examples:
  gelombang serve --sandbox --scrypt-cost 1024 &
  gelombang run smoke --target http://127.0.0.1:3000
  gelombang run launch-day --target http://127.0.0.1:3000 --scale 0.005 --time-scale 10 --duration 3m
  gelombang run spike-80k --target http://127.0.0.1:3000 --scale 0.001 --workers 2 --out run.json --junit junit.xml
  gelombang run smoke --target http://127.0.0.1:3000 --threshold 'http_req_duration{step:account}=p(95)<200'
  gelombang run launch-day --target http://127.0.0.1:3000 --scale 0.01 --time-scale 60 --metrics-port 9465`,
    )
    .action(async (scenario: string, flags: RunFlags) => {
      const options = optionsFromFlags(scenario, flags);
      process.exitCode = await runAndReport(options, { out: flags.out, junit: flags.junit });
    });
}
