// Errors the analytic models throw for input they cannot answer: a negative rate, an unstable queue (ρ ≥ 1),
// too few points to fit. They extend RangeError (the input is outside the model's domain) and carry a stable
// GLB_ERR_<AREA>_<WHAT> code, so the CLI can turn them into exit 2 with the message as is.
import { GelombangRangeError } from '../../shared/errors.js';

export const ANALYTIC_ERROR_CODES = {
  INPUT_INVALID: 'GLB_ERR_ANALYTIC_INPUT_INVALID',
  UNSTABLE: 'GLB_ERR_ANALYTIC_UNSTABLE',
  FIT_FAILED: 'GLB_ERR_ANALYTIC_FIT_FAILED',
} as const;

export type AnalyticErrorCode = (typeof ANALYTIC_ERROR_CODES)[keyof typeof ANALYTIC_ERROR_CODES];

/** Input outside a model's domain. The message names the input and says what would be valid. */
export class AnalyticError extends GelombangRangeError<AnalyticErrorCode> {
  constructor(code: AnalyticErrorCode, message: string) {
    super('AnalyticError', code, message);
  }
}

export function isAnalyticError(err: unknown): err is AnalyticError {
  return err instanceof AnalyticError;
}

/** Throws INPUT_INVALID unless `value` is a finite number > 0. */
export function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `${name} must be a finite number > 0; got ${value}`,
    );
  }
}

/** Throws INPUT_INVALID unless `value` is a finite number ≥ 0. */
export function requireNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new AnalyticError(
      ANALYTIC_ERROR_CODES.INPUT_INVALID,
      `${name} must be a finite number ≥ 0; got ${value}`,
    );
  }
}
