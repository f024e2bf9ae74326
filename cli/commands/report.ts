// `gelombang report --run run.json [--probe …] [--model …] [--sim …] [--plan …] --out DIR`: renders
// report.html (self-contained, charts as inline SVG), report.md (for a PR comment) and report.json (the same
// as data, with a JSON Schema). Wiring only: every input is read and checked before anything is written.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadModel } from '../../capacity/model/load-model.js';
import type { PlanResult, WavePlan } from '../../capacity/types.js';
import { buildReport } from '../../reports/build-report.js';
import {
  planSection,
  probeSeries,
  readProbeResult,
  readPlanResult,
  readSimResult,
  readWavePlan,
  simulationSection,
} from '../../reports/capacity-inputs.js';
import { readJsonFile, readRunResult } from '../../reports/inputs.js';
import { writeReport } from '../../reports/write-report.js';
import { UsageError } from '../errors.js';
import { checkOutDir } from '../out-dir.js';

function waveNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1 && n <= 1000)) {
    throw new UsageError(`--wave must be a wave number from 1 to 1000; got "${text}"`);
  }
  return n;
}

/** The headline says "to open wave N at X sign-ups/min": N must be a wave of waves.json, and a launch-day plan
 *  must have been sized at that wave's scale (plan waves' profileScale), or the sentence pairs one wave's
 *  number with another's sizing. Throws UsageError. */
function checkWave(
  wave: number | null,
  flags: ReportFlags,
  plan: PlanResult | null,
  waves: WavePlan | null,
): void {
  if (wave === null) return;
  if (plan === null) {
    throw new UsageError(
      '--wave names the wave the plan is for: give --plan plan.json (from `gelombang plan launch-day --scale …`), or drop --wave',
    );
  }
  if (waves === null) return;
  const row = waves.waves.find((w) => w.wave === wave);
  if (row === undefined) {
    throw new UsageError(
      `--waves ${flags.waves} plans waves 1 to ${waves.waves.length}; --wave ${wave} is not one of them ` +
        `(\`gelombang plan waves --waves ${wave} --out waves.json\` plans up to it)`,
    );
  }
  const sig = (x: number) => Number(x.toPrecision(3));
  const scale = plan.knobs.scale;
  if (plan.scenario.name === 'launch-day' && Math.abs(scale - row.profileScale) > 0.01 * row.profileScale) {
    throw new UsageError(
      `--plan ${flags.plan}: plan.json was sized at scale ${sig(scale)}, but wave ${wave} peaks at ` +
        `${row.expectedPeakPerMinute.toLocaleString('en-US')} sign-ups/min (scale ${sig(row.profileScale)}); size it ` +
        `with \`gelombang plan launch-day --scale ${row.profileScale} …\`, or give the --wave the plan is for`,
    );
  }
}

interface ReportFlags {
  run: string;
  probe?: string[];
  model?: string;
  sim?: string;
  plan?: string;
  waves?: string;
  wave?: string;
  out: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description(
      'Write report.html (one self-contained file with charts), report.md (for a pull-request comment) and ' +
        'report.json (the same as data) from a run and, when given, the capacity outputs.',
    )
    .requiredOption('--run <file>', 'run.json written by `gelombang run … --out run.json`')
    .option(
      '--probe <file>',
      'probe.json written by `gelombang probe` (throughput vs concurrency, USL fit); repeat for several steps',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--model <file>', 'the capacity model (model.json) the simulation and plan used')
    .option('--sim <file>', 'sim.json written by `gelombang simulate` (the simulated day)')
    .option('--plan <file>', 'plan.json written by `gelombang plan` (the sizing search and its answer)')
    .option('--waves <file>', 'waves.json written by `gelombang plan waves` (each wave’s peak and sizing)')
    .option('--wave <n>', 'the wave number the plan is for, for the headline ("to open wave N at …")')
    .requiredOption('--out <dir>', 'the folder to write report.html, report.md and report.json into')
    .addHelpText(
      'after',
      `
Sections whose input is not given are left out; --run and --out are required. report.html needs no network:
open it from disk, attach it to an email, print it. Exit codes: 0 written, 2 a missing or wrong input.

Examples:
  gelombang run smoke --target http://127.0.0.1:3000 --out run.json
  gelombang report --run run.json --out reports/out/smoke
  gelombang report --run run.json --sim sim.json --plan plan.json --waves waves.json --wave 2 --out reports/out/wave-2`,
    )
    .action((flags: ReportFlags) => {
      checkOutDir('--out', flags.out);
      const wave = waveNumber(flags.wave);
      const run = readRunResult(flags.run);
      const probe =
        flags.probe === undefined
          ? null
          : flags.probe.map((path) => probeSeries(readProbeResult(readJsonFile('--probe', path), path)));
      // Checked as simulate and plan check it: a report must not name a model they would refuse.
      if (flags.model !== undefined) loadModel(flags.model);
      const simulation =
        flags.sim === undefined
          ? null
          : simulationSection(readSimResult(readJsonFile('--sim', flags.sim), flags.sim));
      const waves =
        flags.waves === undefined ? null : readWavePlan(readJsonFile('--waves', flags.waves), flags.waves);
      const planResult =
        flags.plan === undefined ? null : readPlanResult(readJsonFile('--plan', flags.plan), flags.plan);
      checkWave(wave, flags, planResult, waves);
      const plan = planResult === null ? null : planSection(planResult, { wave, waves });
      const report = buildReport({
        run,
        probe,
        simulation,
        plan,
        files: {
          run: flags.run,
          probe: flags.probe?.join(', ') ?? null,
          model: flags.model ?? null,
          sim: flags.sim ?? null,
          plan: flags.plan ?? null,
        },
        generatedAt: new Date().toISOString(),
      });
      const files = writeReport(report, resolve(flags.out));
      process.stdout.write(`${report.headline.sizingSentence ?? report.headline.verdict}\n${files.html}\n`);
    });
}
