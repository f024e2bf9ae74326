// calibrate(): fits a capacity model's service demands and the population registry's latency to an engine
// run (run.json). At a low arrival rate nothing queues, so a step's response time is its service demand
// (the utilisation law's limit U → 0): the per-step medians give the event loop's demand; the account
// step's excess over it is the password hash; the profile step's excess is the registry call, whose
// lognormal shape (the stub's model) is fitted to the excess's quantiles by least squares on
// ln(q_p) = ln(median) + σ·z_p. Each parameter records its source and standard error. What a run below
// saturation cannot show (the registry's capacity, the client's limits) is kept from the base model and
// says so in its note.
import { decodeHistogram, type Histogram } from '../scenarios/engine/hdr.js';
import { RUN_RESULT_KIND, type RunResult } from '../scenarios/engine/run-result.js';
import { PROBE_RESULT_KIND, type ProbeResult } from '../scenarios/probe/types.js';
import { CAPACITY_ERROR_CODES, CapacityError } from './errors.js';
import { defaultModel } from './model/load-model.js';
import type { CalibrateInput, CapacityModel, Parameter } from './types.js';

/** Fewer answered requests than this and a step's figures are too noisy to fit. */
export const MIN_SAMPLES = 20;
// Standard normal quantiles z_p for p = 10 %, 20 %, … 90 %.
const FIT_PERCENTILES = [10, 20, 30, 40, 50, 60, 70, 80, 90];
const Z = [-1.28155, -0.841621, -0.524401, -0.253347, 0, 0.253347, 0.524401, 0.841621, 1.28155];

const unusable = (message: string): never => {
  throw new CapacityError(CAPACITY_ERROR_CODES.RUN_UNUSABLE, message);
};

const sig = (x: number) => Number(x.toPrecision(4));

function measured(value: number, unit: string, uncertainty: number, note: string): Parameter {
  return { value: sig(value), unit, source: 'measured', uncertainty: sig(uncertainty), note };
}

interface StepLatency {
  step: string;
  count: number;
  histogram: Histogram;
  /** Seconds. */
  quantile(p: number): number;
}

function stepLatencies(run: RunResult): Map<string, StepLatency> {
  const out = new Map<string, StepLatency>();
  for (const s of run.steps) {
    const histogram = decodeHistogram(s.fromSend.hdr);
    const count = histogram.totalCount;
    if (count < MIN_SAMPLES) continue;
    out.set(s.step, {
      step: s.step,
      count,
      histogram,
      quantile: (p) => histogram.getValueAtPercentile(p) / 1e6, // µs → s
    });
  }
  return out;
}

/** Steps whose answer waits on the side registries (Dapodik, DTKS: target-service/eligibility/check.ts
 *  checkForJoin looks them up when the background check has not stored an answer yet). The model has no
 *  station for them, so their response is not event-loop time: calibrating their CPU demand from it put
 *  ~the lookups' latency on the one event loop and predicted queues that never happen. Their CPU demand is
 *  the plainest step's, as for the registry and hashing steps. */
export const SIDE_REGISTRY_STEPS: readonly string[] = ['join-wave'];

/** Lognormal fit of (latency − base) by least squares over the 10th … 90th percentiles. */
export function fitLognormal(
  quantile: (p: number) => number,
  base: number,
): { median: number; sigma: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  FIT_PERCENTILES.forEach((p, i) => {
    const q = quantile(p) - base;
    if (q > 0) {
      xs.push(Z[i]!);
      ys.push(Math.log(q));
    }
  });
  if (xs.length < 3) return { median: Math.max(quantile(50) - base, 0), sigma: 0 };
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const sigma = Math.max(0, sxy / sxx);
  return { median: Math.exp(my - sigma * mx), sigma };
}

export function calibrate(input: CalibrateInput): CapacityModel {
  const { run } = input;
  if (run?.kind !== RUN_RESULT_KIND || !Array.isArray(run.steps)) {
    unusable(
      'the run is not a gelombang run.json (kind gelombang.run-result); write one with `gelombang run … --out run.json`',
    );
  }
  const model = structuredClone(input.base ?? defaultModel());
  const from = input.runPath ?? 'run.json';
  const latencies = stepLatencies(run);
  if (latencies.size === 0) {
    unusable(`${from}: no step has ${MIN_SAMPLES} answered requests; run longer or at a higher rate`);
  }
  const special = new Set([...model.registry.steps, ...model.threadPool.steps, ...SIDE_REGISTRY_STEPS]);
  // The event loop's demand: the plain steps' medians; the smallest of them is the base of every request.
  const plain = [...latencies.values()].filter((l) => !special.has(l.step));
  const base = plain.length > 0 ? Math.min(...plain.map((l) => l.quantile(50))) : 0;
  const spread = (l: StepLatency) => (l.quantile(84) - l.quantile(16)) / 2 / Math.sqrt(l.count);
  for (const l of plain) {
    model.service.cpuDemandSeconds[l.step] = measured(
      l.quantile(50),
      's',
      spread(l),
      `median response of ${l.count} ${l.step} requests in ${from} at ${sig(run.arrivals.achievedRate)} arrivals/s (response time ≈ demand when nothing queues; includes loopback)`,
    );
  }
  for (const step of special) {
    if (latencies.has(step) && base > 0) {
      model.service.cpuDemandSeconds[step] = measured(
        base,
        's',
        base / 2,
        `the plainest step's median in ${from}`,
      );
    }
  }
  const notes = [
    `Calibrated from ${from} (scenario ${run.scenario.name}, ${run.startedAt}, ${sig(run.arrivals.achievedRate)} arrivals/s, ${run.environment.cpus} CPUs).`,
  ];

  for (const step of model.threadPool.steps) {
    const l = latencies.get(step);
    if (l === undefined) continue;
    const hash = Math.max(l.quantile(50) - base, 0);
    model.threadPool.hashSeconds = measured(
      hash,
      's',
      spread(l),
      `median ${step} response minus the base ${sig(base * 1000)} ms, ${l.count} requests in ${from}`,
    );
  }

  for (const step of model.registry.steps) {
    const l = latencies.get(step);
    if (l === undefined) continue;
    const { median, sigma } = fitLognormal(l.quantile, base);
    const mean = median * Math.exp((sigma * sigma) / 2);
    const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
    model.registry.latencyMeanSeconds = measured(
      mean,
      's',
      sd / Math.sqrt(l.count),
      `lognormal fit to the ${l.step} step's response minus the base ${sig(base * 1000)} ms, 10th–90th percentiles of ${l.count} requests in ${from}`,
    );
    model.registry.latencySigma = measured(
      sigma,
      'ratio',
      sigma / Math.sqrt(2 * l.count),
      `log-space sigma of the same fit`,
    );
    const load = (run.arrivals.achievedRate * mean) / model.registry.maxConcurrent.value;
    if (load > 0.5) {
      notes.push(
        `Warning: the run offered the registry about ${Math.round(load * 100)} % of its capacity; its waits are in the fitted latency. Calibrate from a run at a lower rate.`,
      );
    }
    const mc = model.registry.maxConcurrent;
    model.registry.maxConcurrent = {
      ...mc,
      note: `${mc.note ?? ''}${mc.note ? '; ' : ''}kept from the base model (${mc.source}): a run below saturation cannot show a capacity`,
    };
    break;
  }
  if (input.probe !== undefined) applyProbe(model, input.probe, input.probePath ?? 'probe.json', notes);
  model.name = `${model.name.replace(/-calibrated$/, '')}-calibrated`;
  model.description = `${model.description} Calibrated from ${from}.`;
  model.notes = [...model.notes, ...notes];
  return model;
}

/** Relative throughput gain below which two probe levels count as a plateau (saturation). */
const PLATEAU = 0.05;

/** From a probe sweep (scenarios/probe/types.ts): the step's CPU per request by the service demand law
 *  (D = ΔCPU seconds / Δcompletions, or the slope of U = U₀ + D·X), and, when the probed step calls the
 *  registry and the sweep saturated, the registry's capacity by Little's law at the plateau: N = X_max · R. */
function applyProbe(model: CapacityModel, probeIn: unknown, from: string, notes: string[]): void {
  const probe = probeIn as ProbeResult;
  if (probe?.kind !== PROBE_RESULT_KIND || !Array.isArray(probe.levels)) {
    unusable(
      `${from} is not a probe.json (kind ${PROBE_RESULT_KIND}); write one with \`gelombang probe … --out probe.json\``,
    );
  }
  const demand = probe.demandFit?.serviceDemandSeconds ?? probe.serviceDemandSeconds;
  if (demand !== null && demand !== undefined && demand > 0) {
    model.service.cpuDemandSeconds[probe.step] = measured(
      demand,
      's',
      demand * (probe.demandFit ? Math.sqrt(Math.max(0, 1 - probe.demandFit.rSquared)) : 0.2),
      `service demand law on ${from}: CPU seconds per ${probe.step} request over ${probe.levels.length} levels` +
        (probe.demandFit
          ? ` (U = U₀ + D·X, R² ${sig(probe.demandFit.rSquared)})`
          : ' (pooled ΔCPU / Δcompletions)'),
    );
  }
  if (model.registry.steps.includes(probe.step)) {
    const levels = [...probe.levels]
      .filter((l) => l.throughput > 0)
      .sort((a, b) => a.concurrency - b.concurrency);
    const last = levels.at(-1);
    const before = levels.at(-2);
    if (last !== undefined && before !== undefined && last.throughput < before.throughput * (1 + PLATEAU)) {
      const capacity = Math.max(1, Math.round(last.throughput * model.registry.latencyMeanSeconds.value));
      model.registry.maxConcurrent = measured(
        capacity,
        'count',
        capacity * 0.1,
        `Little's law at the probe's plateau: ${sig(last.throughput)}/s × registry latency ${sig(model.registry.latencyMeanSeconds.value)} s (${from}; the client's bulkhead may be the limit instead)`,
      );
      notes.push(
        `Registry capacity from ${from}: the sweep saturated at ${sig(last.throughput)} ${probe.step}/s.`,
      );
    }
  }
}
