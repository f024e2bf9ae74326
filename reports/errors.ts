// The report's input errors: each says which file is wrong and what to do. The CLI prints them and exits 2.
// Codes are listed in docs/errors.md ("Report and demo errors"); never reuse or rename one.
import { GelombangError } from '../shared/errors.js';

export const REPORT_ERROR_CODES = {
  INPUT_MISSING: 'GLB_ERR_REPORT_INPUT_MISSING',
  INPUT_INVALID: 'GLB_ERR_REPORT_INPUT_INVALID',
  RUN_VERSION: 'GLB_ERR_REPORT_RUN_VERSION',
  RUN_EMPTY: 'GLB_ERR_REPORT_RUN_EMPTY',
} as const;

export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[keyof typeof REPORT_ERROR_CODES];

export class ReportInputError extends GelombangError<ReportErrorCode> {
  constructor(code: ReportErrorCode, message: string) {
    // cli/index.ts prints errors of this name without a stack and exits 2.
    super('UsageError', code, message);
  }
}
