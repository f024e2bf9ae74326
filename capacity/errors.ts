// Errors of the capacity package (model, simulator, planner, calibration). Codes follow GLB_ERR_<AREA>_<WHAT>,
// are documented in docs/errors.md and never reused. The CLI turns a CapacityError into exit 2.
import { GelombangError } from '../shared/errors.js';

export const CAPACITY_ERROR_CODES = {
  MODEL_INVALID: 'GLB_ERR_CAPACITY_MODEL_INVALID',
  OVERRIDE_INVALID: 'GLB_ERR_CAPACITY_OVERRIDE_INVALID',
  OPTIONS_INVALID: 'GLB_ERR_CAPACITY_OPTIONS_INVALID',
  RUN_UNUSABLE: 'GLB_ERR_CAPACITY_RUN_UNUSABLE',
} as const;

export type CapacityErrorCode = (typeof CAPACITY_ERROR_CODES)[keyof typeof CAPACITY_ERROR_CODES];

/** Bad capacity input; the message says what is wrong and what to do. */
export class CapacityError extends GelombangError<CapacityErrorCode> {
  constructor(code: CapacityErrorCode, message: string) {
    super('CapacityError', code, message);
  }
}
