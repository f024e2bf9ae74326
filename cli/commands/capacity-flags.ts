// Flags shared by `simulate`, `plan` and `calibrate`: the model (--model, --set), the knobs, replications,
// seed, SLOs (k6 threshold syntax), progress on stderr. Everything is checked before any work (exit 2).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CapacityError } from '../../capacity/errors.js';
import { defaultModel, loadModel, validateModel } from '../../capacity/model/load-model.js';
import { applyOverrides, parseOverride } from '../../capacity/model/overrides.js';
import type { CapacityModel, SimProgress } from '../../capacity/types.js';
import { duration } from '../../scenarios/engine/options.js';
import { SIMULATED_METRICS } from '../../capacity/sim/simulate.js';
import { parseThresholdFlags } from '../../scenarios/engine/run-thresholds.js';
import { CENSUS_TOTAL } from '../../generators/regions.js';
import { isScenarioError } from '../../scenarios/model/errors.js';
import { getJourney } from '../../scenarios/model/journeys.js';
import { compileProfile } from '../../scenarios/model/profile.js';
import { getScenario } from '../../scenarios/model/scenarios.js';
import { compileThresholds, type MetricSelector } from '../../scenarios/model/thresholds.js';
import type { ThresholdSpec } from '../../scenarios/model/types.js';
import { UsageError } from '../errors.js';
import { checkWritable } from './run.js';

export interface CapacityFlags {
  model?: string;
  set?: string[];
  scale?: string;
  timeScale?: string;
  thinkScale?: string;
  duration?: string;
  replications?: string;
  seed?: string;
  out?: string;
  outage?: string[];
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addModelFlags(command: Command): Command {
  return command
    .option('--model <file>', 'capacity model (model.json); default the shipped reference-service model')
    .option(
      '--set <path=value>',
      'edit a model parameter for this run, e.g. --set instances=4 --set registry.maxConcurrent=200 (repeatable)',
      collect,
    );
}

/** --outage FROM-TO (repeatable): the population registry answers 503 over that window of the scenario. */
export function addOutageFlag(command: Command): Command {
  return command.option(
    '--outage <from-to>',
    'the population registry is down (503) over this window of the scenario, with units, e.g. ' +
      "--outage 10m-25m (repeatable; added to the model's own outages)",
    collect,
  );
}

/** Parses each --outage FROM-TO (durations with units, FROM < TO) into model seconds; throws UsageError
 *  saying what to write. */
export function parseOutages(texts: string[] | undefined): { startSeconds: number; endSeconds: number }[] {
  return (texts ?? []).map((text) => {
    const parts = text.split('-');
    if (parts.length !== 2 || parts[0]!.trim() === '' || parts[1]!.trim() === '') {
      throw new UsageError(
        `--outage "${text}" is not FROM-TO: write two durations with units, e.g. --outage 10m-25m ` +
          '(minutes 10 to 25 of the scenario)',
      );
    }
    // The scenario's start is 0 (a duration must be > 0, and 0 needs no unit).
    const from = parts[0]!.trim();
    const startSeconds = /^0+(\.0*)?(ms|s|m|h)?$/.test(from) ? 0 : duration('--outage', from, 'its start');
    const endSeconds = duration('--outage', parts[1]!.trim(), 'its end');
    if (!(endSeconds > startSeconds)) {
      throw new UsageError(`--outage ${text}: the end must come after the start, e.g. --outage 10m-25m`);
    }
    return { startSeconds, endSeconds };
  });
}

export function addKnobFlags(command: Command, defaultReplications: number | string): Command {
  return command
    .option('--scale <x>', 'rate multiplier, as for `gelombang run` (default 1)')
    .option('--time-scale <x>', 'time compression, as for `gelombang run` (default 1)')
    .option('--think-scale <x>', 'multiplies think times and retry delays (default 1 / time-scale)')
    .option(
      '--duration <d>',
      'simulate only this much of the profile, with a unit: 90s, 30m, 1h30m (default: all of it)',
    )
    .option('--replications <n>', `independent replications (default ${defaultReplications})`)
    .option('--seed <n>', "seed (default the scenario's); replication r uses seed + r")
    .option('--out <file>', 'write the JSON result here');
}

/** Turns the package's input errors into exit-2 usage errors. */
export function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof CapacityError || isScenarioError(err)) throw new UsageError(err.message, err.code);
    throw err;
  }
}

export function positiveNumber(
  flag: string,
  text: string | undefined,
  fallback: number | undefined,
): number | undefined {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`${flag} must be a number > 0, got "${text}"`);
  return n;
}

export function wholeNumber(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(/^\d+$/.test(text.trim()) && n >= min && n <= max)) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

/** --think-scale: 0 (no think time) or more; undefined leaves the default (1 / time-scale). */
function thinkScaleOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(n) && n >= 0)) {
    throw new UsageError(`--think-scale must be a number ≥ 0 (0 = no think time), got "${text}"`);
  }
  return n;
}

export interface ResolvedModel {
  model: CapacityModel;
  path: string | null;
  overrides: Record<string, number | string>;
}

/** --model and --set, validated (the override paths are tried on the model now). */
export function resolveModel(flags: CapacityFlags): ResolvedModel {
  return asUsage(() => {
    const model = flags.model === undefined ? defaultModel() : loadModel(flags.model);
    const overrides: Record<string, number | string> = {};
    for (const text of flags.set ?? []) {
      const [path, value] = parseOverride(text);
      overrides[path] = value;
      // The edited model must hold what a model.json must (a step name, a share ≤ 1, a time ≤ a day …).
      validateModel(applyOverrides(model, overrides), `--set ${text.trim()}`);
    }
    model.registry.outages.push(...parseOutages(flags.outage));
    return { model, path: flags.model ?? null, overrides };
  });
}

export function resolveKnobs(flags: CapacityFlags, defaultReplications: number) {
  checkWritable('--out', flags.out);
  // The engine's rule: a unit is required (a bare 10 is 10 ms to k6, 10 s to the API: not guessed).
  const durationSeconds =
    flags.duration === undefined ? undefined : duration('--duration', flags.duration, 'of the profile');
  return {
    scale: positiveNumber('--scale', flags.scale, 1),
    timeScale: positiveNumber('--time-scale', flags.timeScale, 1),
    thinkScale: thinkScaleOf(flags.thinkScale),
    durationSeconds,
    replications: wholeNumber('--replications', flags.replications, defaultReplications, 1, 1000),
    seed: flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed, 0, 0, 2 ** 32 - 1),
  };
}

/** Longest span simulate and plan take: a week of simulated time (the launch day is 21 h). The simulator's
 *  memory grows with the span (~25 MB per simulated day), and it shows no progress until arrivals come. */
export const MAX_SIMULATED_SECONDS = 7 * 86_400;

/** The scenario at these knobs offers something to simulate in a span the simulator can hold: at least one
 *  arrival (with none, every SLO "holds" and any sizing passes), no more than Indonesia has people, and at
 *  most a week. Throws UsageError. */
export function checkScenarioSpan(
  scenario: string,
  knobs: { scale?: number | undefined; timeScale?: number | undefined; durationSeconds?: number | undefined },
): void {
  const compiled = asUsage(() =>
    compileProfile(getScenario(scenario).profile, {
      scale: knobs.scale ?? 1,
      timeScale: knobs.timeScale ?? 1,
      durationSeconds: knobs.durationSeconds,
    }),
  );
  if (compiled.durationSeconds > MAX_SIMULATED_SECONDS) {
    const timeScale = knobs.timeScale ?? 1;
    const least = (compiled.fullDurationSeconds * timeScale) / MAX_SIMULATED_SECONDS;
    throw new UsageError(
      `--time-scale ${timeScale} stretches ${scenario} to ${Math.round(compiled.durationSeconds).toLocaleString('en-US')} s ` +
        `of simulated time, longer than a week (${MAX_SIMULATED_SECONDS.toLocaleString('en-US')} s); give --time-scale ` +
        `≥ ${Number(least.toPrecision(2))} or a --duration (1 = real time, 60 = the day in 21 minutes)`,
    );
  }
  if (compiled.totalArrivals > CENSUS_TOTAL) {
    throw new UsageError(
      `at --scale ${knobs.scale ?? 1}, ${scenario} offers ${Math.round(compiled.totalArrivals).toLocaleString('en-US')} ` +
        `sign-ups: more than Indonesia's ${CENSUS_TOTAL.toLocaleString('en-US')} people (census 2020); ` +
        `give a smaller --scale (1 = the 2020 launch) or a shorter --duration`,
    );
  }
  if (compiled.totalArrivals < 1) {
    throw new UsageError(
      `at --scale ${knobs.scale ?? 1}, ${scenario} offers ${Number(compiled.totalArrivals.toPrecision(2))} arrivals ` +
        `(less than one arrival): nothing would be simulated and every SLO would hold; give a larger --scale ` +
        `(\`gelombang scenarios --scale X\` shows the arrivals)`,
    );
  }
}

function checkSimulated(metric: string, selector: MetricSelector): void {
  const kind = SIMULATED_METRICS[selector.name];
  if (kind === undefined) {
    throw new UsageError(
      `--slo on "${metric}": the simulator does not measure ${selector.name}, so the SLO would hold for every ` +
        `sizing; use one of ${Object.keys(SIMULATED_METRICS).join(', ')}`,
    );
  }
  for (const [tag, value] of Object.entries(selector.tags)) {
    if (tag !== 'step') {
      throw new UsageError(
        `--slo on "${metric}": the simulator judges by {step:NAME} only, not by "${tag}"; e.g. ` +
          `http_req_duration{step:profile}=p(95)<2000`,
      );
    }
    if (kind === 'per-journey') {
      throw new UsageError(
        `--slo on "${metric}": ${selector.name} is per journey: drop {step:${value}}, or use a request metric ` +
          `(http_req_duration, http_req_failed) for one step`,
      );
    }
  }
}

/** --slo 'METRIC=EXPR' (k6 threshold syntax), parsed and checked with the scenario model's parser. With
 *  `scenario`, a {step:NAME} must name a step of its journey: a typo (`{step:profil}`) has no samples,
 *  and an SLO without samples would "hold" for every sizing. Throws UsageError. */
export function parseSlos(
  values: readonly string[] | undefined,
  required: boolean,
  scenario?: string,
): ThresholdSpec[] {
  if ((values === undefined || values.length === 0) && required) {
    throw new UsageError(
      "give at least one --slo, e.g. --slo 'http_req_duration{step:profile}=p(95)<2000' (k6 threshold syntax, ms)",
    );
  }
  for (const v of values ?? []) {
    if (!v.includes('=')) {
      throw new UsageError(
        `--slo must be METRIC=EXPRESSION, e.g. 'http_req_duration{step:profile}=p(95)<2000'; got "${v}"`,
      );
    }
  }
  const specs = parseThresholdFlags(values ?? []);
  const compiled = asUsage(() => compileThresholds(specs));
  for (const threshold of compiled) checkSimulated(threshold.metric, threshold.selector);
  if (scenario !== undefined) {
    const steps = asUsage(() => getJourney(getScenario(scenario).journey).steps);
    for (const threshold of compiled) {
      const step = threshold.selector.tags.step;
      if (step !== undefined && !steps.includes(step)) {
        throw new UsageError(
          `--slo on "${threshold.metric}": scenario ${scenario} has no step "${step}"; its steps: ${steps.join(', ')}`,
        );
      }
    }
  }
  return specs;
}

/** The start-up line on stderr: what will be simulated, the duration resolved to seconds (so a `--duration`
 *  is seen as it was read), before any work. */
export function announce(
  what: string,
  knobs: ReturnType<typeof resolveKnobs>,
  whole: string,
  scaled = true,
): void {
  const duration =
    knobs.durationSeconds === undefined ? `duration: ${whole}` : `duration ${knobs.durationSeconds} s`;
  const scale = scaled ? `, scale ${knobs.scale}, time-scale ${knobs.timeScale}` : '';
  process.stderr.write(
    `gelombang: ${what}: ${duration}${scale}, ` +
      `${knobs.replications} replication${knobs.replications === 1 ? '' : 's'}\n`,
  );
}

/** Progress on stderr (one line, rewritten on a TTY). */
export function progressPrinter(): (p: SimProgress) => void {
  const tty = process.stderr.isTTY === true;
  let last = '';
  return (p) => {
    const line = `gelombang: ${p.label} (${Math.round(p.fraction * 100)} %)`;
    if (line === last) return;
    last = line;
    process.stderr.write(tty ? `\r${line}\x1b[K${p.fraction >= 1 ? '\n' : ''}` : `${line}\n`);
  };
}

export function writeJson(path: string | undefined, value: unknown): void {
  if (path !== undefined) writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
}
