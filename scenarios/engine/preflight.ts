// Before any load (k6's setup()): is the target up, and does its population registry know the applicants
// this run will send? A run whose every profile step answers GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY measures
// nothing; saying so before the first arrival saves the run.
import type { RunOptions } from './options.js';
import { ENGINE_ERROR_CODES, EngineOptionsError } from './errors.js';

/** Journeys that send no applicant data: the population does not matter to them. */
const NO_APPLICANTS = new Set(['ping']);

export interface PreflightReport {
  /** What was checked, for the run's first lines ("population seed 20200411 agrees"). */
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
  const url = `${options.origin}${options.basePath}/readyz`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new EngineOptionsError(
      `the target does not answer (${url}: ${cause}); start it first, e.g. \`gelombang serve --sandbox\``,
      ENGINE_ERROR_CODES.TARGET_DOWN,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (NO_APPLICANTS.has(options.scenario.journey)) return { note: 'target answers' };
  const seed = (body as { populationSeed?: unknown } | null)?.populationSeed;
  if (typeof seed !== 'number') {
    return {
      note: "target answers; its registry's population was not checked (the service does not say it)",
    };
  }
  if (seed !== options.seed) {
    throw new EngineOptionsError(
      `the service's population registry knows the applicants of seed ${seed}, this run sends those of seed ` +
        `${options.seed}: every profile step would fail with GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY. Run with ` +
        `--seed ${seed}, or start the service with --population-seed ${options.seed}.`,
      ENGINE_ERROR_CODES.POPULATION_MISMATCH,
    );
  }
  return { note: `the service's registry knows seed ${seed}'s applicants` };
}
