// `gelombang plan SCENARIO --slo …`: the smallest instances, registry capacity and DB connections meeting
// every SLO, by simulation with replications (bisection; every candidate recorded in plan.json).
// `gelombang plan waves [--slo …]`: the 2020 wave rules, each wave's expected peak and, with SLOs, its sizing.
import type { Command } from 'commander';
import { PLAN_DIMENSIONS, plan } from '../../capacity/plan.js';
import type { PlanDimension, PlanResult, WavePlan } from '../../capacity/types.js';
import { planWaves } from '../../capacity/waves.js';
import { DURATION_FLAG_NOTE } from '../../scenarios/engine/options.js';
import { getScenario } from '../../scenarios/model/scenarios.js';
import { EXIT, UsageError } from '../errors.js';
import {
  addKnobFlags,
  addModelFlags,
  addOutageFlag,
  announce,
  asUsage,
  checkScenarioSpan,
  type CapacityFlags,
  collect,
  parseSlos,
  progressPrinter,
  resolveKnobs,
  resolveModel,
  wholeNumber,
  writeJson,
} from './capacity-flags.js';

interface PlanFlags extends CapacityFlags {
  slo?: string[];
  dimension?: string[];
  max?: string[];
  waves?: string;
  quota?: string;
}

function dimensionsOf(values: readonly string[] | undefined): PlanDimension[] | undefined {
  if (values === undefined) return undefined;
  return values.map((v) => {
    const d =
      v === 'instances'
        ? 'service.instances'
        : v === 'registry'
          ? 'registry.maxConcurrent'
          : v === 'db'
            ? 'database.connections'
            : v;
    if (!(PLAN_DIMENSIONS as readonly string[]).includes(d)) {
      throw new UsageError(
        `--dimension ${v}: use instances, registry or db (or ${PLAN_DIMENSIONS.join(', ')})`,
      );
    }
    return d as PlanDimension;
  });
}

/** Flags only one of the two planners reads: given to the other, they were ignored without a word. */
const SCENARIO_ONLY: ReadonlyArray<[keyof PlanFlags, string]> = [
  ['scale', '--scale'],
  ['timeScale', '--time-scale'],
  ['thinkScale', '--think-scale'],
  ['dimension', '--dimension'],
  ['max', '--max'],
];
const WAVES_ONLY: ReadonlyArray<[keyof PlanFlags, string]> = [
  ['waves', '--waves'],
  ['quota', '--quota'],
];

/** The scenario (or `waves`) and the flags given fit together; throws UsageError before any work. */
function checkPlanTarget(scenario: string, flags: PlanFlags): void {
  if (scenario === 'waves') {
    for (const [key, flag] of SCENARIO_ONLY) {
      if (flags[key] !== undefined) {
        throw new UsageError(
          `${flag} does not apply to \`gelombang plan waves\`: it scales the launch-day profile to each wave's ` +
            `peak and sizes instances, registry and DB itself; drop ${flag}, or plan a scenario (\`gelombang plan launch-day …\`)`,
        );
      }
    }
    return;
  }
  if (/^waves?$/i.test(scenario)) {
    throw new UsageError(
      `unknown scenario "${scenario}": for the 2020 wave planner write \`gelombang plan waves\``,
    );
  }
  asUsage(() => getScenario(scenario));
  for (const [key, flag] of WAVES_ONLY) {
    if (flags[key] !== undefined) {
      throw new UsageError(
        `${flag} applies to \`gelombang plan waves\` only; drop it to plan ${scenario}, or run \`gelombang plan waves ${flag} …\``,
      );
    }
  }
}

function upperBoundsOf(values: readonly string[] | undefined): Partial<Record<PlanDimension, number>> {
  const out: Partial<Record<PlanDimension, number>> = {};
  for (const v of values ?? []) {
    const [name, value] = v.split('=');
    const [d] = dimensionsOf([name ?? '']) ?? [];
    out[d!] = wholeNumber(`--max ${name}`, value, 1, 1, 1_000_000);
  }
  return out;
}

export function formatPlan(r: PlanResult): string {
  const lines = [
    `model ${r.model.name}${r.model.path ? ` (${r.model.path})` : ' (shipped default)'}; scenario ${r.scenario.name}, scale ${r.knobs.scale}, ${r.replications} replication(s) per candidate`,
    ...r.candidates.map(
      (c) =>
        `  ${String(c.order + 1).padStart(2)}. ${r.dimensions.map((d) => `${d}=${c.values[d]}`).join(' ')}  ${c.ok ? 'meets' : 'breaks'}  ` +
        c.verdicts
          .map(
            (v) =>
              `${v.metric} ${v.expression} → ${v.actual === null ? '-' : Number(v.actual.toPrecision(4))}`,
          )
          .join('; '),
    ),
    r.summary,
  ];
  return `${lines.join('\n')}\n`;
}

export function formatWaves(p: WavePlan): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const headings = [
    'wave',
    'opens',
    'registrations',
    'backlog in',
    'accepted',
    'overflow',
    'peak/min',
    'scale',
  ];
  const cells = p.waves.map((w) => [
    String(w.wave),
    w.opensOn,
    n(w.registrations),
    n(w.backlogIn),
    n(w.accepted),
    n(w.overflowOut),
    n(w.expectedPeakPerMinute),
    // What a planner would pass to --scale: three significant digits.
    String(Number(w.profileScale.toPrecision(3))),
  ]);
  // Each column as wide as its widest cell (the backlog passes 10 million): numbers right-aligned.
  const widths = headings.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const head = `${line(headings)}  sizing`;
  const rows = p.waves.map(
    (w, k) =>
      `${line(cells[k]!)}  ${
        w.sizing === null
          ? w.sizingOk === false
            ? 'none within bounds'
            : '-'
          : Object.entries(w.sizing)
              .map(([key, v]) => `${key}=${v}`)
              .join(' ')
      }`,
  );
  // Without SLOs nothing is sized: say so and how, rather than leave a bare '-' in every row.
  const footer =
    p.slos.length === 0
      ? "sizing: '-' = not sized (no SLO given); add e.g. --slo 'http_req_duration{step:account}=p(95)<2000' to size each wave\n"
      : '';
  return `model ${p.model.name}; weekly quota ${p.rules.weeklyQuota.toLocaleString('en-US')}, ${p.rules.firstDayRegistrations.toLocaleString('en-US')} on day one → ${p.rules.cumulativeRegistrations.toLocaleString('en-US')} by ${p.rules.cumulativeDate}\n${head}\n${rows.join('\n')}\n${footer}`;
}

export function register(program: Command): void {
  const command = program
    .command('plan')
    .description(
      'Size for a scenario: the smallest service instances, registry capacity and DB connections that meet ' +
        "every SLO in simulation; or, with `waves`, the 2020 wave rules' peaks and sizing",
    )
    .argument('<scenario>', 'a scenario name, or `waves` for the wave planner');
  addKnobFlags(addOutageFlag(addModelFlags(command)), '5; 2 for plan waves')
    .option(
      '--slo <metric=expr>',
      "an SLO in k6 threshold syntax, e.g. 'http_req_duration{step:profile}=p(95)<2000' (repeatable)",
      collect,
    )
    .option(
      '--dimension <name>',
      'what to size: instances, registry, db (repeatable; default all; db only on a PostgreSQL model: SQLite has one writer)',
      collect,
    )
    .option(
      '--max <name=n>',
      'upper bound of a dimension, e.g. --max instances=64 (default 256, 4096, 1024)',
      collect,
    )
    .option('--waves <n>', 'plan waves: number of weekly waves (default: up to 4 Sep 2020, 21)')
    .option('--quota <n>', 'plan waves: places per weekly wave (default 164000)')
    .addHelpText(
      'after',
      `
${DURATION_FLAG_NOTE}
The first line on stderr gives the duration as read, in seconds.
Exit codes: 0 a sizing meets every SLO, 99 none within the upper bounds does, 2 bad input (nothing simulated).

Examples:
  gelombang plan launch-day --scale 0.1 --duration 1h --slo 'http_req_duration{step:profile}=p(95)<2000'
  gelombang plan spike-80k --model model.json --slo 'http_req_duration{step:account}=p(95)<2000' --dimension instances --out plan.json
  gelombang plan waves
  gelombang plan waves --slo 'http_req_duration{step:account}=p(95)<2000' --duration 10m --replications 2 --out waves.json`,
    )
    .action((scenario: string, flags: PlanFlags) => {
      checkPlanTarget(scenario, flags);
      const { model, path, overrides } = resolveModel(flags);
      const knobs = resolveKnobs(flags, scenario === 'waves' ? 2 : 5);
      if (scenario === 'waves') {
        const slos = parseSlos(flags.slo, false, 'launch-day');
        const waves = flags.waves === undefined ? undefined : wholeNumber('--waves', flags.waves, 21, 1, 520);
        const quota =
          flags.quota === undefined ? undefined : wholeNumber('--quota', flags.quota, 164_000, 1, 1e9);
        if (slos.length > 0) announce('sizing each wave', knobs, "the launch day's first 3 h", false);
        const result = asUsage(() =>
          planWaves(model, {
            waves,
            rules: quota === undefined ? undefined : { weeklyQuota: quota },
            slos,
            replications: knobs.replications,
            seed: knobs.seed,
            durationSeconds: knobs.durationSeconds,
            overrides,
            modelPath: path,
            onProgress: slos.length > 0 ? progressPrinter() : undefined,
          }),
        );
        process.stdout.write(formatWaves(result));
        writeJson(flags.out, result);
        process.exitCode = result.waves.every((w) => w.sizingOk !== false) ? EXIT.OK : EXIT.THRESHOLDS;
        return;
      }
      checkScenarioSpan(scenario, knobs);
      const slos = parseSlos(flags.slo, true, scenario);
      const dimensions = dimensionsOf(flags.dimension);
      const upperBounds = upperBoundsOf(flags.max);
      announce(`planning ${scenario}`, knobs, 'the whole profile');
      const result = asUsage(() =>
        plan(scenario, model, {
          ...knobs,
          slos,
          dimensions,
          upperBounds,
          overrides,
          modelPath: path,
          onProgress: progressPrinter(),
        }),
      );
      process.stdout.write(formatPlan(result));
      writeJson(flags.out, result);
      process.exitCode = result.recommendation === null ? EXIT.THRESHOLDS : EXIT.OK;
    });
}
