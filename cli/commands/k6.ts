// `gelombang k6 build`: the scenarios as self-contained k6 scripts (scenarios/k6/build.ts). Wiring only.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { buildBundles } from '../../scenarios/k6/build.js';
import { isScenarioError } from '../../scenarios/model/errors.js';
import { getScenario, listScenarios } from '../../scenarios/model/scenarios.js';
import type { Scenario } from '../../scenarios/model/types.js';
import { UsageError } from '../errors.js';

interface BuildFlags {
  scenario?: string;
  all?: boolean;
  out: string;
}

/** The scenarios to build; UsageError (exit 2) before anything is written. */
export function scenariosToBuild(flags: Pick<BuildFlags, 'scenario' | 'all'>): Scenario[] {
  if (flags.all === true && flags.scenario !== undefined) {
    throw new UsageError('give --scenario NAME or --all, not both');
  }
  if (flags.scenario === undefined) return [...listScenarios()];
  try {
    return [getScenario(flags.scenario)];
  } catch (err) {
    if (isScenarioError(err)) throw new UsageError(err.message, err.code);
    throw err;
  }
}

export function register(program: Command): void {
  const k6 = program
    .command('k6')
    .description('k6 scripts from the same scenario model: build the bundles that stock k6 runs');
  k6.command('build')
    .description(
      'Bundle each scenario (its arrival ramps, journey, generators and thresholds) into one ES module for ' +
        'stock k6 v0.46–1.x: dist/k6/<scenario>.js',
    )
    .option('--scenario <name>', 'build only this scenario (`gelombang scenarios` lists them)')
    .option('--all', 'build every scenario (the default)')
    .option('--out <dir>', 'folder for the bundles', 'dist/k6')
    .addHelpText(
      'after',
      `
Each bundle reads BASE_URL (default http://127.0.0.1:3000), SCALE (rate multiplier), TIME_SCALE (time
compression), THINK_SCALE (default 1 / TIME_SCALE) and TIMEOUT (default 30s) from k6's -e flags.

Examples:
  gelombang k6 build --all
  gelombang k6 build --scenario smoke --out /tmp/k6
  k6 run -e BASE_URL=http://127.0.0.1:3000 dist/k6/smoke.js
  k6 run -e SCALE=0.01 -e TIME_SCALE=60 -o experimental-prometheus-rw dist/k6/launch-day.js
  k6 run --execution-segment 0:1/2 --execution-segment-sequence 0,1/2,1 --out json=a.json dist/k6/spike-80k.js`,
    )
    .action(async (flags: BuildFlags) => {
      const scenarios = scenariosToBuild(flags);
      const outDir = resolve(flags.out);
      const built = await buildBundles(scenarios, outDir);
      for (const bundle of built) {
        process.stdout.write(`${bundle.path}  ${(bundle.bytes / 1024).toFixed(0)} KiB\n`);
      }
    });
}
