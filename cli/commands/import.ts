// `gelombang import k6 FILE…`: k6 output into one run.json, thresholds judged on the merged data. Wiring only
// (scenarios/k6/import.ts does the work).
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { toJUnit } from '../../scenarios/engine/junit.js';
import { thresholdsFailed } from '../../scenarios/engine/run-result.js';
import { parseThresholdFlags } from '../../scenarios/engine/run-thresholds.js';
import { formatSummary } from '../../scenarios/engine/summary.js';
import { importK6 } from '../../scenarios/k6/import.js';
import { K6ImportError } from '../../scenarios/k6/import-json.js';
import { EXIT, UsageError } from '../errors.js';
import { asUsageError, checkWritable } from './run.js';

interface ImportFlags {
  out?: string;
  junit?: string;
  threshold?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function register(program: Command): void {
  const command = program
    .command('import')
    .description('turn another runner’s output into a RunResult (run.json)');
  command
    .command('k6')
    .description(
      'k6 output (--out json: exact HDR histograms from every sample; --summary-export: fixed percentiles, ' +
        'marked approximate) into one RunResult; several instances’ files merge, thresholds judged on the merge',
    )
    .argument('<files...>', 'k6 --out json files (.json or .gz) or --summary-export files')
    .option('--out <file>', 'write the merged RunResult (run.json) here')
    .option('--junit <file>', 'write a JUnit report (one testcase per threshold) here')
    .option(
      '--threshold <metric=expr>',
      "replace the scenario's thresholds on METRIC (repeatable), e.g. 'http_req_duration{step:account}=p(95)<500'",
      collect,
    )
    .addHelpText(
      'after',
      `
The scenario (and so its thresholds) is the one the k6 bundle ran (its "scenario" tag). Exit codes: 0
thresholds passed, 99 a threshold failed, 2 a file is missing or not k6 output.

Examples:
  k6 run --out json=pod-0.json dist/k6/smoke.js
  gelombang import k6 pod-0.json pod-1.json pod-2.json --out run.json --junit junit.xml
  gelombang import k6 summary.json --out run.json            # --summary-export: approximate percentiles`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      for (const file of files) {
        if (!existsSync(file)) throw new UsageError(`${file}: no such file; give k6 output files`);
      }
      checkWritable('--out', flags.out);
      checkWritable('--junit', flags.junit);
      let result: Awaited<ReturnType<typeof importK6>>;
      try {
        const thresholds = flags.threshold === undefined ? undefined : parseThresholdFlags(flags.threshold);
        result = await importK6(files, { thresholds });
      } catch (err) {
        if (err instanceof K6ImportError) throw new UsageError(err.message, err.code);
        throw asUsageError(err);
      }
      process.stdout.write(formatSummary(result));
      if (result.source?.approximate) {
        process.stdout.write(
          '  (approximate: histograms rebuilt from --summary-export percentiles, not from every sample)\n',
        );
      }
      if (flags.out !== undefined) writeFileSync(flags.out, `${JSON.stringify(result, null, 1)}\n`);
      if (flags.junit !== undefined) writeFileSync(flags.junit, toJUnit(result));
      process.exitCode = thresholdsFailed(result) ? EXIT.THRESHOLDS : EXIT.OK;
    });
}
