// The demo's capacity phases, through the capacity entry points (capacity/types.ts CapacityApi): the model
// for the service just measured, the replay predicted (to set beside the measurement), the full-size
// launch day simulated, and the next wave sized.
import { defaultModel } from '../../capacity/model/load-model.js';
import { simulate } from '../../capacity/sim/simulate.js';
import type { CapacityModel, PlanResult, SimProgress, SimResult, WavePlan } from '../../capacity/types.js';
import type { RunResult } from '../../scenarios/engine/run-result.js';
import type { ThresholdSpec } from '../../scenarios/model/types.js';
import { type DemoSettings, registryLimit } from './demo-options.js';

/** The demo's service hashes passwords at this scrypt cost (cheapened, as every load test on a shared
 *  2-core machine does; the service's default is 16384). */
export const DEMO_SCRYPT_COST = 1024;

/** The objective the demo plans for: the profile step (the registry's NIK check) at p95 < 2 s. */
export const DEMO_SLOS: ThresholdSpec[] = [
  { metric: 'http_req_duration{step:profile}', expressions: ['p(95)<2000'] },
];

export interface CalibratedModel {
  model: CapacityModel;
  /** How the model was obtained, for the progress line and the report. */
  how: string;
}

/** The model of the service the replay measured. Until `calibrate` lands, the shipped reference model with
 *  the registry stub's settings as the demo started it (known, not fitted). */
export function modelForReplay(settings: DemoSettings, _run: RunResult): CalibratedModel {
  const base = defaultModel();
  if (settings.target !== null)
    return { model: base, how: `the shipped model "${base.name}" (target not started by the demo)` };
  const model = structuredClone(base);
  const edit = (
    parameter: { value: number; source: string; note?: string | undefined },
    value: number,
    note: string,
  ) => {
    parameter.value = value;
    parameter.source = 'edited';
    parameter.note = note;
  };
  const stub = 'as the demo started the registry stub';
  edit(model.registry.maxConcurrent, settings.registry.maxConcurrent, stub);
  edit(model.registry.latencyMeanSeconds, settings.registry.latencyMeanMs / 1000, stub);
  edit(model.registry.latencySigma, settings.registry.latencySigma, stub);
  // scrypt's work is linear in its cost N (Percival 2009): the demo's service hashes at N=1024, the
  // reference model's figure is for N=16384.
  edit(
    model.threadPool.hashSeconds,
    (base.threadPool.hashSeconds.value * DEMO_SCRYPT_COST) / 16384,
    `the reference N=16384 figure × ${DEMO_SCRYPT_COST}/16384: the demo's service hashes at N=${DEMO_SCRYPT_COST}`,
  );
  return { model, how: `the shipped model "${base.name}" with the registry stub's limits` };
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
 *  (demo-options.ts registryLimit), so the full-size day gets it scaled back up. */
export function fullSizeModel(model: CapacityModel, settings: DemoSettings): CapacityModel {
  if (settings.target !== null) return model;
  const full = structuredClone(model);
  full.registry.maxConcurrent.value = registryLimit(1).maxConcurrent;
  full.registry.maxConcurrent.note = `the demo's 2020-like limit at full size (${settings.registry.maxConcurrent} at ×${settings.replay.scale})`;
  return full;
}

/** The launch day at full size (1,432,133 sign-ups in 21 h) through the model; --quick simulates its
 *  first hour (the peak and about half the sign-ups) to stay within a minute. */
export function simulateLaunchDay(
  model: CapacityModel,
  settings: DemoSettings,
  onProgress?: (p: SimProgress) => void,
): SimResult {
  return simulate('launch-day', model, {
    replications: settings.replications,
    durationSeconds: settings.quick ? 3600 : undefined,
    onProgress,
  });
}

export interface NextWavePlan {
  wave: number;
  plan: PlanResult;
  waves: WavePlan;
}

/** The next wave sized, or null while the planner is not in this build. */
export function planNextWave(
  _model: CapacityModel,
  _settings: DemoSettings,
  _onProgress?: (p: SimProgress) => void,
): NextWavePlan | null {
  return null;
}
