// Reads and checks the report's input files before anything is rendered: a missing file, a file that is
// not JSON, a run.json of another kind or schema version, or a run with no arrivals is refused with a
// ReportInputError that says what to do (exit 2).
import { readFileSync } from 'node:fs';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import runSchema from '../scenarios/engine/run-result.schema.json' with { type: 'json' };
import { RUN_RESULT_KIND, RUN_RESULT_VERSION, type RunResult } from '../scenarios/engine/run-result.js';
import { REPORT_ERROR_CODES, ReportInputError } from './errors.js';

/** Parses a JSON file given by `flag`. Throws ReportInputError when it is missing or not JSON. */
export function readJsonFile(flag: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ReportInputError(
      REPORT_ERROR_CODES.INPUT_MISSING,
      `${flag} ${path}: the file ${reason}. Give the path of a file written by ` +
        `${flag === '--run' ? '`gelombang run … --out run.json`' : `the matching gelombang command's --out`}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ReportInputError(
      REPORT_ERROR_CODES.INPUT_INVALID,
      `${flag} ${path}: not JSON (${(err as Error).message}). Give the file as gelombang wrote it.`,
    );
  }
}

/** Reads run.json (RunResult v1): checks its kind, version, schema, and that anything arrived. */
export function readRunResult(path: string): RunResult {
  const data = readJsonFile('--run', path) as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object' || data['kind'] !== RUN_RESULT_KIND) {
    throw new ReportInputError(
      REPORT_ERROR_CODES.INPUT_INVALID,
      `--run ${path}: not a run result (its "kind" should be "${RUN_RESULT_KIND}"). ` +
        'Give the file written by `gelombang run SCENARIO --target URL --out run.json`.',
    );
  }
  if (data['version'] !== RUN_RESULT_VERSION) {
    throw new ReportInputError(
      REPORT_ERROR_CODES.RUN_VERSION,
      `--run ${path}: run-result version ${JSON.stringify(data['version'])}, but this gelombang reads version ` +
        `${RUN_RESULT_VERSION}. Re-run the scenario with this version (\`gelombang run … --out run.json\`), ` +
        'or report with the gelombang version that wrote it.',
    );
  }
  const errors = validateAgainstSchema(runSchema, data);
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ReportInputError(
      REPORT_ERROR_CODES.INPUT_INVALID,
      `--run ${path}: does not match the run-result schema at ${first.path || '/'}: ${first.message}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more)` : '') +
        '. Was it edited by hand? Re-run the scenario to get a fresh one.',
    );
  }
  const run = data as unknown as RunResult;
  if (run.arrivals.launched === 0 || run.intervals.length === 0) {
    throw new ReportInputError(
      REPORT_ERROR_CODES.RUN_EMPTY,
      `--run ${path}: the run launched no journeys, so there is nothing to report. Check that the target ` +
        'was up and the scenario had arrivals (a longer --duration, or a larger --scale), then run it again.',
    );
  }
  return run;
}
