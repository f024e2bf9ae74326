// simulate(): R seeded replications of a scenario through a capacity model, summarised as a SimResult
// (sim.json): estimates with 95 % confidence intervals, per-step latency percentiles from merged
// histograms, stations' utilisation and Little's-law check, per-minute series, and the thresholds judged.
import { isScenarioError } from '../../scenarios/model/errors.js';
import { compileProfile } from '../../scenarios/model/profile.js';
import { getScenario } from '../../scenarios/model/scenarios.js';
import { evaluateThresholds, type MetricView, type TrendView } from '../../scenarios/model/thresholds.js';
import type { Scenario } from '../../scenarios/model/types.js';
import { CAPACITY_ERROR_CODES, CapacityError } from '../errors.js';
import { modelRef } from '../model/load-model.js';
import { applyOverrides } from '../model/overrides.js';
import {
  type CapacityModel,
  SIM_RESULT_KIND,
  SIM_RESULT_VERSION,
  type SimMinutes,
  type SimResult,
  type SimStationResult,
  type SimulateOptions,
  type StationName,
} from '../types.js';
import { estimate, round } from './estimate.js';
import { buildJourneyPaths, type JourneyPaths } from './journey-paths.js';
import { LogHistogram } from './log-histogram.js';
import { type ReplicationResult, runReplication, STATION_NAMES } from './replication.js';
import { simParams } from './sim-params.js';

/** Applicants sampled to derive the journey's paths: arrival i follows path i mod this (the first ones
 *  are exactly the engine's applicants). Enough to hold every trait's share within ~1 pp. */
export const PATH_SAMPLE = 4096;
const pathCache = new Map<string, JourneyPaths>();

export function journeyPathsFor(scenario: Scenario, count: number): JourneyPaths {
  const key = `${scenario.journey}|${scenario.data.seed}|${scenario.data.startIndex}|${count}`;
  let paths = pathCache.get(key);
  if (paths === undefined) {
    paths = buildJourneyPaths(scenario.journey, scenario.data.seed, scenario.data.startIndex, count);
    pathCache.set(key, paths);
  }
  return paths;
}

const fail = (message: string): never => {
  throw new CapacityError(CAPACITY_ERROR_CODES.OPTIONS_INVALID, message);
};

export function resolveScenario(scenario: string | Scenario): Scenario {
  if (typeof scenario !== 'string') return scenario;
  try {
    return getScenario(scenario);
  } catch (err) {
    if (isScenarioError(err)) fail(err.message);
    throw err;
  }
}

/** The metrics the simulator reports and whether it splits them by step (capacity/sim/simulate.ts, its
 *  MetricView): any other metric or tag has no samples there, and an SLO without samples holds. */
export const SIMULATED_METRICS: Readonly<Record<string, 'per-step' | 'per-journey'>> = {
  http_req_duration: 'per-step',
  http_req_waiting: 'per-step',
  http_req_failed: 'per-step',
  http_reqs: 'per-step',
  journey_completed: 'per-journey',
  journey_abandoned: 'per-journey',
  iterations: 'per-journey',
  dropped_iterations: 'per-journey',
};

export function simulate(
  scenarioIn: string | Scenario,
  modelIn: CapacityModel,
  options: SimulateOptions = {},
): SimResult {
  const scenario = resolveScenario(scenarioIn);
  const replications = options.replications ?? 1;
  if (!(Number.isInteger(replications) && replications >= 1 && replications <= 1000)) {
    fail(`replications must be a whole number from 1 to 1000, got ${replications}`);
  }
  const timeScale = options.timeScale ?? 1;
  const thinkScale = options.thinkScale ?? 1 / timeScale;
  if (!(Number.isFinite(thinkScale) && thinkScale >= 0)) fail(`thinkScale must be ≥ 0, got ${thinkScale}`);
  const seed = options.seed ?? scenario.data.seed;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32))
    fail(`seed must be a whole number in [0, 2^32), got ${seed}`);
  let profile: ReturnType<typeof compileProfile>;
  try {
    profile = compileProfile(scenario.profile, {
      scale: options.scale ?? 1,
      timeScale,
      durationSeconds: options.durationSeconds,
    });
  } catch (err) {
    if (isScenarioError(err)) return fail(err.message);
    throw err;
  }
  const overrides = options.overrides ?? {};
  const model = applyOverrides(modelIn, overrides);
  const paths = journeyPathsFor(
    scenario,
    Math.max(1, Math.min(PATH_SAMPLE, Math.ceil(profile.totalArrivals * 1.2))),
  );
  const params = simParams(model, paths.steps);

  const runs: ReplicationResult[] = [];
  for (let r = 0; r < replications; r++) {
    let lastStep = -1;
    options.onProgress?.({ label: `replication ${r + 1}/${replications}`, fraction: r / replications });
    runs.push(
      runReplication({
        profile,
        paths,
        params,
        seed: (seed + r * 7919) >>> 0,
        // Replication 0 draws the engine's own arrival times for this seed.
        arrivalSeed: (seed + r) >>> 0,
        thinkScale,
        timeScale,
        onMinute:
          options.onProgress === undefined
            ? undefined
            : (seconds) => {
                // About every 10 % of a replication: a full launch day takes seconds per replication.
                const within = Math.min(1, seconds / Math.max(profile.durationSeconds, 1));
                const step = Math.floor(within * 10);
                if (step === lastStep) return;
                lastStep = step;
                options.onProgress?.({
                  label: `replication ${r + 1}/${replications}, ${Math.round(within * 100)} % of the profile`,
                  fraction: (r + within) / replications,
                });
              },
      }),
    );
  }
  options.onProgress?.({ label: 'done', fraction: 1 });

  const duration = profile.durationSeconds;
  const of = (pick: (run: ReplicationResult) => number) => estimate(runs.map(pick));
  const steps = paths.steps.map((step, i) => {
    const merged = new LogHistogram();
    for (const run of runs) merged.add(run.histograms[i]!);
    const pct = (p: number) => of((run) => run.histograms[i]!.percentile(p));
    return {
      step,
      requests: of((run) => run.stepRequests[i]!),
      throughputPerSecond: of((run) => run.stepRequests[i]! / duration),
      failed: of((run) => run.stepFailed[i]!),
      latencyMs: {
        mean: of((run) => run.histograms[i]!.meanMs),
        p50: pct(50),
        p90: pct(90),
        p95: pct(95),
        p99: pct(99),
        max: of((run) => run.histograms[i]!.maxMs),
      },
      histogram: merged.toJSON(),
    };
  });

  const stationNames: StationName[] = [...STATION_NAMES, 'waiting-room'];
  const stations: SimStationResult[] = stationNames.map((station, i) => {
    const per = (f: (s: ReplicationResult['stations'][number], T: number) => number) =>
      of((run) => f(run.stations[i]!, run.endSeconds));
    const totals = runs.map((run) => run.stations[i]!);
    const T = runs.reduce((a, run) => a + run.endSeconds, 0);
    const area = totals.reduce((a, s) => a + s.busyArea + s.queueArea, 0);
    const done = totals.reduce((a, s) => a + s.completions, 0);
    const response = totals.reduce((a, s) => a + s.sumResponse, 0);
    const L = T > 0 ? area / T : 0;
    const lambdaW = T > 0 ? response / T : 0; // λW = (completions / T)(Σ response / completions)
    return {
      station,
      servers: totals[0]!.servers,
      utilisation: per((s, t) => (station === 'waiting-room' || t === 0 ? 0 : s.busyArea / (s.servers * t))),
      throughputPerSecond: per((s, t) => (t > 0 ? s.completions / t : 0)),
      meanWaitSeconds: per((s) => (s.completions > 0 ? s.sumWait / s.completions : 0)),
      meanResponseSeconds: per((s) => (s.completions > 0 ? s.sumResponse / s.completions : 0)),
      meanQueueLength: per((s, t) => (t > 0 ? s.queueArea / t : 0)),
      meanInSystem: per((s, t) => (t > 0 ? (s.busyArea + s.queueArea) / t : 0)),
      littleRelativeError: done === 0 || L === 0 ? 0 : round(Math.abs(L - lambdaW) / L),
    };
  });

  const result: SimResult = {
    kind: SIM_RESULT_KIND,
    version: SIM_RESULT_VERSION,
    model: modelRef(model, options.modelPath ?? null, overrides),
    scenario: { name: scenario.name, journey: scenario.journey, profile: scenario.profile.name },
    knobs: {
      scale: profile.knobs.scale,
      timeScale,
      thinkScale: round(thinkScale),
      durationSeconds: round(duration),
    },
    seed,
    replications,
    arrivals: of((run) => run.arrivals),
    journeys: {
      completed: of((run) => run.completed),
      abandoned: of((run) => run.abandoned),
      droppedOut: of((run) => run.droppedOut),
      unfinished: of((run) => run.unfinished),
      turnedAway: of((run) => run.turnedAway),
    },
    pendingVerifications: of((run) => run.pending),
    circuitOpenRejections: of((run) => run.circuitOpenRejections),
    events: of((run) => run.events),
    steps,
    stations,
    minutes: meanMinutes(runs, stationNames),
    thresholds: [],
  };
  result.thresholds = evaluateThresholds(
    options.thresholds ?? scenario.thresholds,
    simMetricView(result, runs),
  );
  return result;
}

function meanMinutes(runs: ReplicationResult[], names: readonly string[]): SimMinutes {
  const length = Math.max(...runs.map((run) => run.minutes.arrivals.length));
  const mean = (pick: (run: ReplicationResult) => number[]) =>
    Array.from({ length }, (_, m) =>
      round(runs.reduce((a, run) => a + (pick(run)[m] ?? 0), 0) / runs.length),
    );
  const stations: SimMinutes['stations'] = {};
  names.forEach((name, i) => {
    stations[name] = {
      queueLength: mean((run) => run.minutes.queue[i]!),
      meanWaitSeconds: mean((run) => run.minutes.wait[i]!),
      utilisation: mean((run) => run.minutes.utilisation[i]!),
    };
  });
  return {
    minute: Array.from({ length }, (_, m) => m),
    arrivals: mean((run) => run.minutes.arrivals),
    completed: mean((run) => run.minutes.completed),
    abandoned: mean((run) => run.minutes.abandoned),
    droppedOut: mean((run) => run.minutes.droppedOut),
    pendingVerifications: mean((run) => run.minutes.pending),
    stations,
  };
}

/** Thresholds read the simulation as they read a run: all replications merged. */
function simMetricView(result: SimResult, runs: ReplicationResult[]): MetricView {
  const merged = result.steps.map((_, i) => {
    const h = new LogHistogram();
    for (const run of runs) h.add(run.histograms[i]!);
    return h;
  });
  const pick = (tags: Readonly<Record<string, string>>) =>
    result.steps
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => tags['step'] === undefined || s.step === tags['step']);
  const total = (f: (run: ReplicationResult) => number) => runs.reduce((a, run) => a + f(run), 0);
  const ended = total((run) => run.completed + run.abandoned + run.droppedOut);
  return {
    elapsedSeconds: result.knobs.durationSeconds * runs.length,
    trend(name, tags) {
      if (name !== 'http_req_duration' && name !== 'http_req_waiting') return undefined;
      const h = new LogHistogram();
      for (const { i } of pick(tags)) h.add(merged[i]!);
      if (h.total === 0) return undefined;
      const view: TrendView = {
        percentile: (p) => h.percentile(p),
        avg: h.meanMs,
        min: h.percentile(0.0001),
        max: h.maxMs,
        count: h.total,
      };
      return view;
    },
    rate(name, tags) {
      if (name === 'http_req_failed') {
        const chosen = pick(tags);
        return {
          passes: chosen.reduce((a, { i }) => a + total((run) => run.stepFailed[i]!), 0),
          total: chosen.reduce((a, { i }) => a + total((run) => run.stepRequests[i]!), 0),
        };
      }
      if (tags['step'] !== undefined) return undefined;
      if (name === 'journey_completed') return { passes: total((run) => run.completed), total: ended };
      if (name === 'journey_abandoned') return { passes: total((run) => run.abandoned), total: ended };
      return undefined;
    },
    counter(name, tags) {
      if (name === 'http_reqs')
        return pick(tags).reduce((a, { i }) => a + total((run) => run.stepRequests[i]!), 0);
      if (tags['step'] !== undefined) return undefined;
      if (name === 'iterations') return ended;
      if (name === 'dropped_iterations') return total((run) => run.turnedAway);
      return undefined;
    },
  };
}
