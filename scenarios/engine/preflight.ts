// Before any load (k6's setup()): is the target up, and does its population registry know the applicants
// this run will send? A run whose every profile step answers GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY measures
// nothing; saying so before the first arrival saves the run. The judgement is the model's (readiness.ts),
// shared with the k6 bundle's setup().
import { judgeReadiness } from '../model/readiness.js';
import { ENGINE_ERROR_CODES, EngineOptionsError } from './errors.js';
import type { RunOptions } from './options.js';

export interface PreflightReport {
  /** What was checked, for the run's first lines ("the service's registry knows seed 20200411's applicants"). */
  note: string;
}

/** GET {target}/readyz within `timeoutMs`. Throws EngineOptionsError GLB_ERR_ENGINE_TARGET_DOWN when nothing
 *  answers, GLB_ERR_ENGINE_POPULATION_MISMATCH when the service says its registry knows another seed's
 *  population. A target without /readyz, or one that does not say its seed (an external registry), passes
 *  with a note that the population was not checked. */
export async function preflight(
  options: Pick<RunOptions, 'origin' | 'basePath' | 'seed' | 'scenario'>,
  timeoutMs = 5000,
): Promise<PreflightReport> {
  const target = `${options.origin}${options.basePath}`;
  let answer: { status: number; body: unknown };
  try {
    const response = await fetch(`${target}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
    answer = { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    answer = { status: 0, body: null };
  }
  const verdict = judgeReadiness(answer, { seed: options.seed, journey: options.scenario.journey, target });
  if (verdict.ok) return { note: verdict.note };
  throw new EngineOptionsError(
    verdict.message,
    verdict.kind === 'down' ? ENGINE_ERROR_CODES.TARGET_DOWN : ENGINE_ERROR_CODES.POPULATION_MISMATCH,
  );
}
