// `gelombang simulate SCENARIO [--model model.json] [--set …]`: the what-if. Runs the scenario's arrivals
// and funnel through the capacity model (discrete-event, seeded, R replications) and prints per-step
// latency, stations' utilisation and the thresholds; --out writes sim.json. Exit 99 when a threshold fails.
import type { Command } from 'commander';
import { simulate } from '../../capacity/sim/simulate.js';
import type { SimResult } from '../../capacity/types.js';
import { DURATION_FLAG_NOTE } from '../../scenarios/engine/options.js';
import { EXIT } from '../errors.js';
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
  writeJson,
} from './capacity-flags.js';

interface SimulateFlags extends CapacityFlags {
  slo?: string[];
}

const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const ci = (e: { mean: number; ci95: number }, digits = 1) =>
  e.ci95 > 0 ? `${fmt(e.mean, digits)} ± ${fmt(e.ci95, digits)}` : fmt(e.mean, digits);

export function formatSimSummary(r: SimResult): string {
  const lines = [
    `model ${r.model.name}${r.model.path ? ` (${r.model.path})` : ' (shipped default)'}` +
      `${
        Object.keys(r.model.overrides).length > 0
          ? `, set ${Object.entries(r.model.overrides)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`
          : ''
      }` +
      (r.model.registryOutages === undefined || r.model.registryOutages.length === 0
        ? ''
        : `; registry down ${r.model.registryOutages.map((w) => `${fmt(w.startSeconds, 0)}–${fmt(w.endSeconds, 0)} s`).join(', ')}`),
    `scenario ${r.scenario.name}: ${fmt(r.knobs.durationSeconds, 0)} s simulated, scale ${r.knobs.scale}, ` +
      `time-scale ${r.knobs.timeScale}, ${r.replications} replication(s), seed ${r.seed}`,
    `arrivals ${ci(r.arrivals, 0)}; completed ${ci(r.journeys.completed, 0)}, dropped out ${ci(r.journeys.droppedOut, 0)}, ` +
      `abandoned ${ci(r.journeys.abandoned, 0)}; pending NIK checks at the end ${ci(r.pendingVerifications, 0)}`,
    '',
    'step            requests/s        p50 ms      p95 ms      p99 ms',
    ...r.steps.map(
      (s) =>
        `${s.step.padEnd(14)}  ${ci(s.throughputPerSecond, 2).padStart(14)}  ${fmt(s.latencyMs.p50.mean).padStart(10)}  ` +
        `${ci(s.latencyMs.p95).padStart(10)}  ${fmt(s.latencyMs.p99.mean).padStart(10)}`,
    ),
    '',
    'station        servers  utilisation  mean wait s   mean queue',
    ...r.stations
      .filter((s) => s.throughputPerSecond.mean > 0)
      .map(
        (s) =>
          `${s.station.padEnd(13)}  ${String(s.servers).padStart(7)}  ${fmt(s.utilisation.mean * 100).padStart(9)} %  ` +
          `${fmt(s.meanWaitSeconds.mean, 4).padStart(11)}  ${fmt(s.meanQueueLength.mean, 2).padStart(11)}`,
      ),
    '',
    ...r.thresholds.map(
      (v) =>
        `${v.ok ? '✓' : '✗'} ${v.metric} ${v.expression} (${v.actual === null ? 'no samples' : fmt(v.actual, 3)})`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  const command = program
    .command('simulate')
    .description(
      'Simulate a scenario through a capacity model (discrete-event, seeded): what the launch would do to ' +
        'each station, before it happens',
    )
    .argument('<scenario>', 'a scenario name (`gelombang scenarios` lists them)');
  addKnobFlags(addOutageFlag(addModelFlags(command)), 1)
    .option('--slo <metric=expr>', "judge these instead of the scenario's thresholds (repeatable)", collect)
    .addHelpText(
      'after',
      `
${DURATION_FLAG_NOTE}
The first line on stderr gives the duration as read, in seconds.
Exit codes: 0 every threshold holds in the simulation, 99 one fails, 2 bad input (nothing simulated).

Examples:
  gelombang simulate launch-day
  gelombang simulate launch-day --set instances=4 --set registry.maxConcurrent=200 --out sim.json
  gelombang simulate spike-80k --model model.json --replications 5 --slo 'http_req_duration{step:profile}=p(95)<2000'
  gelombang simulate launch-day --outage 10m-25m      # the registry down for the peak's first quarter hour`,
    )
    .action((scenario: string, flags: SimulateFlags) => {
      const { model, path, overrides } = resolveModel(flags);
      const knobs = resolveKnobs(flags, 1);
      checkScenarioSpan(scenario, knobs);
      const slos = parseSlos(flags.slo, false, scenario);
      announce(`simulating ${scenario}`, knobs, 'the whole profile');
      const result = asUsage(() =>
        simulate(scenario, model, {
          ...knobs,
          overrides,
          modelPath: path,
          thresholds: slos.length > 0 ? slos : undefined,
          onProgress: progressPrinter(),
        }),
      );
      process.stdout.write(formatSimSummary(result));
      writeJson(flags.out, result);
      process.exitCode = result.thresholds.every((v) => v.ok) ? EXIT.OK : EXIT.THRESHOLDS;
    });
}
