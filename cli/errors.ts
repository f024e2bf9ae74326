// CLI-level errors and exit codes (ARCHITECTURE.md): 0 ok; 2 bad usage or input; 99 thresholds breached;
// 105 a run cut short by SIGINT or SIGTERM (k6's ExternalAbort code: its results cover only part of the
// profile, whatever the thresholds say); any other non-zero for a failed run.

import { GelombangError } from '../shared/errors.js';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, THRESHOLDS: 99, INTERRUPTED: 105 } as const;

/** Bad flags or input: printed without a stack, exit 2. The message says what to do. */
export class UsageError extends GelombangError {
  constructor(message: string, code = 'GLB_ERR_CLI_USAGE') {
    super('UsageError', code, message);
  }
}
