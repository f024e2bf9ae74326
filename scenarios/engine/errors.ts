// Errors the engine throws for options it cannot run with (a bad knob, a target off this machine, a
// threshold it cannot judge, a service that does not know the scenario's applicants). The engine is a
// library: it knows nothing of the CLI, which maps an EngineOptionsError to exit 2 (cli/commands/run.ts).
// Codes follow GLB_ERR_<AREA>_<WHAT> and are never reused (docs/errors.md).
import { GelombangError } from '../../shared/errors.js';

export const ENGINE_ERROR_CODES = {
  OPTIONS_INVALID: 'GLB_ERR_ENGINE_OPTIONS_INVALID',
  TARGET_NOT_LOOPBACK: 'GLB_ERR_ENGINE_TARGET_NOT_LOOPBACK',
  TARGET_DOWN: 'GLB_ERR_ENGINE_TARGET_DOWN',
  POPULATION_MISMATCH: 'GLB_ERR_ENGINE_POPULATION_MISMATCH',
} as const;

/** Bad run options, found before any request. The message says what to do; show it without a stack. */
export class EngineOptionsError extends GelombangError {
  constructor(message: string, code: string = ENGINE_ERROR_CODES.OPTIONS_INVALID) {
    super('EngineOptionsError', code, message);
  }
}

export function isEngineOptionsError(err: unknown): err is EngineOptionsError {
  return err instanceof EngineOptionsError;
}
