// The capacity outputs the report reads — sim.json (SimResult), plan.json (PlanResult), a wave plan
// (WavePlan), probe.json — turned into the report's sections. Each reader checks the file's kind and version
// and throws ReportInputError (exit 2) naming the flag and the command that writes the right file.
// The shapes are capacity/types.ts's; the report never re-derives what the capacity code computed.
import {
  PLAN_RESULT_KIND,
  PLAN_RESULT_VERSION,
  type PlanResult,
  SIM_RESULT_KIND,
  SIM_RESULT_VERSION,
  type SimResult,
  WAVE_PLAN_KIND,
  WAVE_PLAN_VERSION,
  type WavePlan,
} from '../capacity/types.js';
import type { ThresholdSpec } from '../scenarios/model/types.js';
import { PROBE_RESULT_KIND, PROBE_RESULT_VERSION, type ProbeResult } from '../scenarios/probe/types.js';
import { REPORT_ERROR_CODES, ReportInputError } from './errors.js';
import type { PlanSection, ProbeSeries, SimulationSection, Sizing } from './report-data.js';

function checkKind(
  flag: string,
  path: string,
  data: unknown,
  kind: string,
  version: number,
  command: string,
) {
  const record = data as { kind?: unknown; version?: unknown } | null;
  if (record === null || typeof record !== 'object' || record.kind !== kind) {
    throw new ReportInputError(
      REPORT_ERROR_CODES.INPUT_INVALID,
      `${flag} ${path}: not a ${kind} file. Give the file written by \`${command}\`.`,
    );
  }
  if (record.version !== version) {
    throw new ReportInputError(
      REPORT_ERROR_CODES.INPUT_INVALID,
      `${flag} ${path}: ${kind} version ${JSON.stringify(record.version)}, but this gelombang reads version ` +
        `${version}. Write it again with this version (\`${command}\`).`,
    );
  }
}

export function readSimResult(data: unknown, path: string): SimResult {
  checkKind(
    '--sim',
    path,
    data,
    SIM_RESULT_KIND,
    SIM_RESULT_VERSION,
    'gelombang simulate SCENARIO --out sim.json',
  );
  return data as SimResult;
}

export function readPlanResult(data: unknown, path: string): PlanResult {
  checkKind(
    '--plan',
    path,
    data,
    PLAN_RESULT_KIND,
    PLAN_RESULT_VERSION,
    'gelombang plan SCENARIO --out plan.json',
  );
  return data as PlanResult;
}

export function readWavePlan(data: unknown, path: string): WavePlan {
  checkKind(
    '--waves',
    path,
    data,
    WAVE_PLAN_KIND,
    WAVE_PLAN_VERSION,
    'gelombang plan waves --out waves.json',
  );
  return data as WavePlan;
}

export function readProbeResult(data: unknown, path: string): ProbeResult {
  checkKind(
    '--probe',
    path,
    data,
    PROBE_RESULT_KIND,
    PROBE_RESULT_VERSION,
    'gelombang probe --target URL --step STEP --out probe.json',
  );
  return data as ProbeResult;
}

/** One probe (one step's sweep) as the throughput-vs-concurrency series with its USL fit. */
export function probeSeries(probe: ProbeResult): ProbeSeries {
  return {
    step: probe.step,
    points: probe.levels.map((level) => ({
      concurrency: level.concurrency,
      throughput: level.throughput,
      p95Ms: level.latencyMs.p95,
      errors: level.requests - level.ok - level.replayed,
    })),
    usl:
      probe.usl === null
        ? null
        : {
            sigma: probe.usl.sigma,
            kappa: probe.usl.kappa,
            lambda: probe.usl.lambda,
            peakConcurrency: probe.usl.peakConcurrency,
            rSquared: probe.usl.rSquared,
          },
  };
}

/** The simulated day: per minute, each station's queue and utilisation (stations never busy left out).
 *  A run shorter than a minute has no per-minute rows: its stations' whole-run utilisation stands in for
 *  the peak (for the bottleneck), and the per-minute charts are left out. */
export function simulationSection(sim: SimResult): SimulationSection {
  const whole = new Map(sim.stations.map((s) => [s.station as string, s.utilisation.mean]));
  const stations = Object.entries(sim.minutes.stations)
    .map(([name, series]) => ({
      name,
      queueDepth: series.queueLength,
      utilisation: series.utilisation,
      peakUtilisation:
        series.utilisation.length > 0 ? Math.max(...series.utilisation) : (whole.get(name) ?? 0),
    }))
    .filter((station) => station.peakUtilisation > 0);
  return {
    model: sim.model.name,
    scenario: sim.scenario.name,
    scale: sim.knobs.scale,
    instances: sim.stations.find((s) => s.station === 'cpu')?.servers ?? null,
    replications: sim.replications,
    minutes: sim.minutes.minute,
    stations,
    steps: sim.steps.map((step) => ({ step: step.step, p95Ms: step.latencyMs.p95.mean })),
  };
}

const formatSlo = (slo: ThresholdSpec) => `${slo.metric}=${slo.expressions.join(',')}`;

/** The p(95) latency objectives: the tightest bound (ms) and the step it is about — null when it covers
 *  every step, or several steps share it ("p95 < 1,000 ms" of account and profile reads as all that matter). */
export function p95Objective(slos: ThresholdSpec[]): { boundMs: number; step: string | null } | null {
  const found: { boundMs: number; step: string | null }[] = [];
  for (const slo of slos) {
    if (!slo.metric.startsWith('http_req_duration')) continue;
    for (const expression of slo.expressions) {
      const match = /^\s*p\(\s*95\s*\)\s*<=?\s*([\d.]+)\s*(ms|s)?\s*$/.exec(expression);
      if (match === null) continue;
      const boundMs = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
      found.push({ boundMs, step: /step:([^,}]+)/.exec(slo.metric)?.[1]?.trim() ?? null });
    }
  }
  if (found.length === 0) return null;
  const boundMs = Math.min(...found.map((f) => f.boundMs));
  const steps = found.filter((f) => f.boundMs === boundMs);
  return { boundMs, step: steps.length === 1 ? steps[0]!.step : null };
}

export interface PlanContext {
  /** The wave this plan is for (the demo plans the next one); null for a plain scenario plan. */
  wave?: number | null;
  waves?: WavePlan | null;
}

/** Sizing for the headline, the candidates tried, and the wave table when a wave plan is given. */
export function planSection(plan: PlanResult, context: PlanContext = {}): PlanSection {
  const objective = p95Objective(plan.slos);
  const p95Of = (verdicts: PlanResult['candidates'][number]['verdicts']) => {
    const verdict = verdicts.find((v) => /^\s*p\(\s*95\s*\)/.test(v.expression) && v.actual !== null);
    return verdict?.actual ?? 0;
  };
  const peakPerMinute = Math.max(0, ...plan.simulation.minutes.arrivals);
  const recommendation = plan.recommendation;
  const chosen: Sizing | null =
    recommendation === null || objective === null
      ? null
      : {
          wave: context.wave ?? null,
          arrivalsPerMinute: Math.round(peakPerMinute),
          sloP95Ms: objective.boundMs,
          sloStep: objective.step,
          instances: recommendation['service.instances'],
          registryConcurrency: recommendation['registry.maxConcurrent'],
          dbConnections: recommendation['database.connections'],
          // plan.json files written before `database` existed said so only in notSearched.
          database:
            plan.database ??
            (plan.notSearched?.some((n) => n.dimension === 'database.connections') === true
              ? 'sqlite'
              : 'postgres'),
          model: plan.model.name,
        };
  return {
    model: plan.model.name,
    slo: plan.slos.map(formatSlo).join('; '),
    candidates: plan.candidates.map((candidate) => ({
      instances: candidate.values['service.instances'],
      registryConcurrency: candidate.values['registry.maxConcurrent'],
      dbConnections: candidate.values['database.connections'],
      p95Ms: p95Of(candidate.verdicts),
      meetsSlo: candidate.ok,
    })),
    chosen,
    summary: plan.summary,
    waves: (context.waves?.waves ?? []).map((row) => ({
      wave: row.wave,
      opensOn: row.opensOn,
      registrations: row.registrations,
      peakPerMinute: row.expectedPeakPerMinute,
      instances: row.sizing?.['service.instances'] ?? null,
      registryConcurrency: row.sizing?.['registry.maxConcurrent'] ?? null,
      dbConnections: row.sizing?.['database.connections'] ?? null,
    })),
  };
}
