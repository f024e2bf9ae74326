// The demo's capacity phases, through the capacity entry points (capacity/types.ts CapacityApi): the model
// for the service just measured, the replay predicted (to set beside the measurement), the full-size
// launch day simulated, and the next wave sized.
import { calibrate, defaultModel, plan, planWaves, simulate } from '../../capacity/index.js';
import type { CapacityModel, PlanResult, SimProgress, SimResult, WavePlan } from '../../capacity/types.js';
import type { RunResult } from '../../scenarios/engine/run-result.js';
import type { ThresholdSpec } from '../../scenarios/model/types.js';
import type { ProbeResult } from '../../scenarios/probe/types.js';
import { type DemoSettings, registryLimit } from './demo-options.js';

/** The demo's service hashes passwords at this scrypt cost (cheapened, as every load test on a shared
 *  2-core machine does; the service's default is 16384). */
export const DEMO_SCRYPT_COST = 1024;

/** The objectives the demo plans for: the two steps that wait on a limited resource — account (the
 *  password hash on the thread pool) and profile (the registry's NIK check) — answered at p95 < 1 s. */
export const DEMO_SLOS: ThresholdSpec[] = [
  { metric: 'http_req_duration{step:account}', expressions: ['p(95)<1000'] },
  { metric: 'http_req_duration{step:profile}', expressions: ['p(95)<1000'] },
];

export interface CalibratedModel {
  model: CapacityModel;
  /** How the model was obtained, for the progress line and the report. */
  how: string;
}

/** The model of the service under test: `calibrate` fits the per-step demands and the registry's latency
 *  from the probe (a run at a low rate: its latencies are service times, not queueing), starting from the shipped reference model with what the demo knows for certain —
 *  the registry stub's concurrency limit and the scrypt cost it started the service with. */
export function modelFromProbe(
  settings: DemoSettings,
  run: RunResult,
  sweep: ProbeResult | null = null,
): CalibratedModel {
  const base = defaultModel();
  if (settings.target !== null) {
    return {
      model: calibrate({
        run,
        base,
        runPath: 'probe-run.json',
        ...(sweep === null ? {} : { probe: sweep, probePath: 'probe.json' }),
      }),
      how: `calibrated from the probe (model "${base.name}")`,
    };
  }
  const known = structuredClone(base);
  const edit = (
    parameter: { value: number; source: string; note?: string | undefined },
    value: number,
    note: string,
  ) => {
    parameter.value = value;
    parameter.source = 'edited';
    parameter.note = note;
  };
  edit(
    known.registry.maxConcurrent,
    settings.registry.maxConcurrent,
    'as the demo started the registry stub',
  );
  // scrypt's work is linear in its cost N (Percival 2009): the reference figure is for N=16384.
  edit(
    known.threadPool.hashSeconds,
    (base.threadPool.hashSeconds.value * DEMO_SCRYPT_COST) / 16384,
    `the reference N=16384 figure × ${DEMO_SCRYPT_COST}/16384: the demo's service hashes at N=${DEMO_SCRYPT_COST}`,
  );
  const model = calibrate({
    run,
    base: known,
    runPath: 'probe-run.json',
    ...(sweep === null ? {} : { probe: sweep, probePath: 'probe.json' }),
  });
  // What the demo set beats what a short probe on a shared machine fits: the stub's latency is known.
  const stub = 'as the demo started the registry stub';
  edit(model.registry.maxConcurrent, settings.registry.maxConcurrent, stub);
  edit(model.registry.latencyMeanSeconds, settings.registry.latencyMeanMs / 1000, stub);
  edit(model.registry.latencySigma, settings.registry.latencySigma, stub);
  return { model, how: 'calibrated from the probe (per-step demands; the registry as the demo set it)' };
}

/** The replay's own conditions through the model: what it predicts for the run just measured. */
export function predictReplay(
  model: CapacityModel,
  settings: DemoSettings,
  onProgress?: (p: SimProgress) => void,
): SimResult {
  const replay = settings.replay;
  return simulate('launch-day', model, {
    scale: replay.scale,
    timeScale: replay.timeScale,
    thinkScale: replay.thinkScale,
    durationSeconds: replay.durationSeconds,
    seed: replay.seed,
    replications: 1,
    onProgress,
  });
}

/** The model at the 2020 size: the demo's registry stub is the 2020 limit scaled down with the rate
 *  (demo-options.ts registryLimit), so the full-size day gets it scaled back up; and passwords are hashed at
 *  the service's production cost (scrypt N=16384, the reference model's figure), not the demo's cheap one;
 *  and the database is PostgreSQL (see below). */
export function fullSizeModel(model: CapacityModel, settings: DemoSettings): CapacityModel {
  if (settings.target !== null) return model;
  const full = structuredClone(model);
  full.name = `${model.name} at full size`;
  full.registry.maxConcurrent = {
    ...full.registry.maxConcurrent,
    value: registryLimit(1).maxConcurrent,
    source: 'edited',
    note: `the demo's 2020-like limit at full size (${settings.registry.maxConcurrent} at ×${settings.replay.scale})`,
  };
  full.threadPool.hashSeconds = { ...defaultModel().threadPool.hashSeconds };
  // Several instances cannot share one SQLite file: at full size the service runs on PostgreSQL, a pool
  // per instance. Its per-request demands are the SQLite ones (an assumption the report's model says).
  full.database.kind = 'postgres';
  full.database.connections = {
    value: 10,
    unit: 'count',
    source: 'edited',
    note: 'PostgreSQL pool per instance at full size (one SQLite file cannot serve several instances); demands per request taken from the SQLite measurements',
  };
  return full;
}

/** The launch day at full size (1,432,133 sign-ups in 21 h) through the model; --quick simulates its
 *  first 5 minutes (its peak) to stay within about a minute. */
export function simulateLaunchDay(
  model: CapacityModel,
  settings: DemoSettings,
  onProgress?: (p: SimProgress) => void,
): SimResult {
  return simulate('launch-day', model, {
    replications: settings.replications,
    durationSeconds: settings.quick ? 300 : undefined,
    onProgress,
  });
}

export interface NextWavePlan {
  wave: number;
  plan: PlanResult;
  waves: WavePlan;
}

/** The next wave after the launch (wave 2 of the 2020 rules) sized: its opening at the wave's peak rate,
 *  simulated for `settings.planSeconds`, searched by plan() for the smallest sizing meeting DEMO_SLOS. */
export function planNextWave(
  model: CapacityModel,
  settings: DemoSettings,
  onProgress?: (p: SimProgress) => void,
): NextWavePlan {
  const wave = 2;
  const waves = planWaves(model, { waves: wave });
  const row = waves.waves[wave - 1]!;
  const sized = plan('launch-day', model, {
    slos: DEMO_SLOS,
    scale: row.profileScale,
    durationSeconds: settings.planSeconds,
    replications: settings.replications,
    onProgress,
  });
  return { wave, plan: sized, waves };
}
