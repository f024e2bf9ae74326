// `gelombang probe --target URL --step STEP`: a closed-model concurrency sweep of one funnel step, one row per
// level, with the service's CPU per request from its /metrics, and the USL fitted to the rows. Wiring only:
// flags → validateProbeOptions (exit 2 before any request) → runProbe → summary and probe.json.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  formatProbeEvent,
  formatProbePlan,
  formatProbeSummary,
  nothingSucceeded,
} from '../../scenarios/probe/format.js';
import { DURATION_FLAG_NOTE } from '../../scenarios/engine/options.js';
import { type ProbeOptionsInput, validateProbeOptions } from '../../scenarios/probe/options.js';
import { ProbeError, runProbe } from '../../scenarios/probe/probe.js';
import type { ProbeResult } from '../../scenarios/probe/types.js';
import { EXIT } from '../errors.js';
import { asUsageError, checkWritable } from './run.js';

/** 128 + SIGINT: a second Ctrl-C quits at once without a summary (as `gelombang run`). */
const EXIT_KILLED = 130;

/** Writes probe.json; a failure here (the folder removed mid-probe…) is reported, not a stack trace. */
function writeResult(path: string, result: ProbeResult): void {
  try {
    writeFileSync(path, `${JSON.stringify(result, null, 1)}\n`);
  } catch (err) {
    throw new ProbeError(
      `could not write --out ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}); the summary ` +
        'above has the figures',
    );
  }
}

interface ProbeFlags extends Omit<ProbeOptionsInput, 'target'> {
  target: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('probe')
    .description(
      'Measure one funnel step at rising concurrency (a closed model: N connections, each with one request ' +
        'in flight, every request a new applicant), with the service CPU per request from its /metrics, and ' +
        "fit Gunther's Universal Scalability Law to the throughputs.",
    )
    .requiredOption('--target <url>', 'the service on this machine, e.g. http://127.0.0.1:3000')
    .option('--step <name>', 'funnel step: visit, account, outbox, verify-email, profile (default account)')
    .option('--concurrency <list>', 'levels, comma-separated (default 1,2,4,8,16,32,64)')
    .option('--duration <d>', 'time at each level in whole seconds, with a unit: 10s, 1m (default 10s)')
    .option('--seed <n>', "applicants seed; must be the service's --population-seed (default 20200411)")
    .option(
      '--first-index <n>',
      'first applicant index; a probe prints where the next should start (default 0)',
    )
    .option('--timeout <d>', 'per-request timeout (default 10s)')
    .option('--max-requests <n>', 'cap on requests, and applicants prepared, per level (default 50000)')
    .option('--warm-up <n>', 'requests sent one at a time before the first level, not counted (default 20)')
    .option('--out <file>', 'write the ProbeResult (probe.json) here')
    .addHelpText(
      'after',
      `
${DURATION_FLAG_NOTE}
Steps after the account need an account, a token and a verified email: the probe prepares them (over HTTP,
with progress) before each level's clock starts, so a level times the step alone. Each applicant is used
once; a second probe against the same service continues at the --first-index the first one printed.
The target must run with --sandbox for steps past the account (the outbox gives the email code).

Examples:
  gelombang serve --sandbox --scrypt-cost 1024 --port 3000 &   # cheap hashes: preparing is sign-ups
  gelombang probe --target http://127.0.0.1:3000 --step account --out probe-account.json
  gelombang probe --target http://127.0.0.1:3000 --step profile --concurrency 1,2,4,8,16 --duration 5s \\
    --first-index 100000 --out probe-profile.json

Each row: N (connections), X (2xx per second), p50/p95/p99 (ms, written to read), errors by status and
GLB_ERR_ code, and the service demand D = ΔCPU seconds / Δcompletions (CPU seconds per request).
Ctrl-C stops the level under way: the levels finished before it are printed and written to --out (with
"interrupted": true), with the --first-index for the next probe; Ctrl-C again quits at once.
Exit codes: 0 done, 2 bad options (nothing sent), 1 the probe could not run (target down, applicants
could not be prepared) or no request succeeded, ${EXIT.INTERRUPTED} interrupted (levels before it written), 130 a second Ctrl-C. docs/capacity-analytic.md explains the models and probe.json.`,
    )
    .action(async (flags: ProbeFlags) => {
      checkWritable('--out', flags.out);
      let options: ReturnType<typeof validateProbeOptions>;
      try {
        options = validateProbeOptions(flags);
      } catch (err) {
        throw asUsageError(err); // the engine's EngineOptionsError: exit 2, no stack trace
      }
      process.stderr.write(`gelombang: ${formatProbePlan(options)}\n`);
      // Ctrl-C once: stop the level under way, keep the finished ones, say where the next probe starts.
      // Twice: quit at once.
      const interrupt = new AbortController();
      const onSigint = () => {
        if (interrupt.signal.aborted) process.exit(EXIT_KILLED);
        process.stderr.write(
          'gelombang: interrupted (Ctrl-C): stopping the level under way; press again to quit without a summary\n',
        );
        interrupt.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        const result = await runProbe(
          options,
          (event) => process.stderr.write(`${formatProbeEvent(event)}\n`),
          interrupt.signal,
        );
        process.stdout.write(formatProbeSummary(result));
        if (flags.out !== undefined) writeResult(flags.out, result);
        if (nothingSucceeded(result)) {
          process.stderr.write(
            'gelombang: no request of the probed step succeeded (the error codes are above): fix that cause ' +
              'before reading the curve\n',
          );
        }
        process.exitCode =
          result.interrupted === true ? EXIT.INTERRUPTED : nothingSucceeded(result) ? EXIT.FAILED : EXIT.OK;
      } catch (err) {
        if (!(err instanceof ProbeError)) throw err;
        if (err.partial !== undefined && err.partial.levels.length > 0) {
          process.stdout.write(formatProbeSummary(err.partial));
          if (flags.out !== undefined) writeResult(flags.out, err.partial);
        }
        process.stderr.write(`gelombang: ${err.message}\n`);
        process.exitCode = EXIT.FAILED;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
