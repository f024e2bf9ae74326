// The outcome table of a step (outcome × status × error code) stays bounded whatever the server answers.
// A server that puts a request id or a timestamp into each error code would otherwise add one row per
// request to run.json (202 rows for 202 requests): the table keeps the most frequent codes and counts
// the rest under OTHER_CODE, per outcome and status, and the summary says so.
import type { OutcomeCount } from './run-result.js';

/** Rows kept per step in run.json, most frequent first; the rest fold into OTHER_CODE rows. */
export const MAX_OUTCOME_ROWS = 50;
/** Distinct rows a recorder keeps while running (memory bound per step); later new codes count as other. */
export const RECORDER_OUTCOME_ROWS = 4 * MAX_OUTCOME_ROWS;
/** The code of the rows that gather the codes beyond the kept ones. */
export const OTHER_CODE = 'other';

export function outcomeKey(row: Pick<OutcomeCount, 'outcome' | 'status' | 'code'>): string {
  return `${row.outcome}|${row.status}|${row.code ?? ''}`;
}

export function compareOutcomes(a: OutcomeCount, b: OutcomeCount): number {
  return (
    a.outcome.localeCompare(b.outcome) || a.status - b.status || (a.code ?? '').localeCompare(b.code ?? '')
  );
}

/** Adds rows with the same outcome, status and code; keeps the `max` most frequent (ties: table order) and
 *  folds the others into one OTHER_CODE row per outcome and status. Returns rows in table order. */
export function boundOutcomes(rows: Iterable<OutcomeCount>, max = MAX_OUTCOME_ROWS): OutcomeCount[] {
  const byKey = new Map<string, OutcomeCount>();
  for (const row of rows) {
    const key = outcomeKey(row);
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, { ...row });
    else seen.count += row.count;
  }
  const named = [...byKey.values()].filter((row) => row.code !== OTHER_CODE);
  if (named.length <= max) return [...byKey.values()].sort(compareOutcomes);
  named.sort((a, b) => b.count - a.count || compareOutcomes(a, b));
  const kept = named.slice(0, max);
  const others = new Map<string, OutcomeCount>();
  const fold = (row: OutcomeCount): void => {
    const other = { outcome: row.outcome, status: row.status, code: OTHER_CODE, count: 0 };
    const key = outcomeKey(other);
    const seen = others.get(key) ?? other;
    seen.count += row.count;
    others.set(key, seen);
  };
  for (const row of named.slice(max)) fold(row);
  for (const row of byKey.values()) if (row.code === OTHER_CODE) fold(row);
  return [...kept, ...others.values()].sort(compareOutcomes);
}

/** Responses counted under OTHER_CODE in a table (0 when every code kept its own row). */
export function otherCount(rows: readonly OutcomeCount[]): number {
  let total = 0;
  for (const row of rows) if (row.code === OTHER_CODE) total += row.count;
  return total;
}
