// Errors the scenario model throws for bad input (a profile, knobs, a CSV trace, a threshold, a name).
// The model runs inside k6 too, so it cannot import the CLI: the CLI and the engine turn a ScenarioError into
// a UsageError (exit 2). Codes follow GLB_ERR_<AREA>_<WHAT> and are never reused.
import { GelombangError } from '../../shared/errors.js';

export const SCENARIO_ERROR_CODES = {
  PROFILE_INVALID: 'GLB_ERR_SCENARIO_PROFILE_INVALID',
  KNOBS_INVALID: 'GLB_ERR_SCENARIO_KNOBS_INVALID',
  TRACE_INVALID: 'GLB_ERR_SCENARIO_TRACE_INVALID',
  THRESHOLD_INVALID: 'GLB_ERR_SCENARIO_THRESHOLD_INVALID',
  ARRIVALS_INVALID: 'GLB_ERR_SCENARIO_ARRIVALS_INVALID',
  UNKNOWN_SCENARIO: 'GLB_ERR_SCENARIO_UNKNOWN',
  UNKNOWN_JOURNEY: 'GLB_ERR_SCENARIO_UNKNOWN_JOURNEY',
} as const;

export type ScenarioErrorCode = (typeof SCENARIO_ERROR_CODES)[keyof typeof SCENARIO_ERROR_CODES];

/** Bad scenario input. The message says what is wrong and what to do; show it without a stack. */
export class ScenarioError extends GelombangError<ScenarioErrorCode> {
  constructor(code: ScenarioErrorCode, message: string) {
    super('ScenarioError', code, message);
  }
}

export function isScenarioError(err: unknown): err is ScenarioError {
  return err instanceof ScenarioError;
}
