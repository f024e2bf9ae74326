// Per-minute traces (a real launch's "minute,count" log, or a fitted curve stored as data) as profiles.
// A minute's count is spread evenly over that minute: a step function, so the expected arrivals in minute m
// are exactly counts[m] (a line through the minutes would smear the launch's peak minute into its
// neighbours). A step is a 0-second stage (a jump) followed by a 60-second flat stage.
// csv-parse's sync build is plain JavaScript (no Node streams): it runs in the k6 bundle too.
import { parse } from 'csv-parse/sync';
import { SCENARIO_ERROR_CODES, ScenarioError } from './errors.js';
import type { ArrivalProfile, ProfileStage } from './types.js';

/** A profile whose minute m carries counts[m] arrivals (model time), starting at minute 0. */
export function profileFromMinuteCounts(
  name: string,
  description: string,
  counts: readonly number[],
): ArrivalProfile {
  if (counts.length === 0) {
    throw new ScenarioError(SCENARIO_ERROR_CODES.TRACE_INVALID, `trace "${name}": it has no minutes`);
  }
  const stages: ProfileStage[] = [];
  let rate = counts[0]! / 60;
  const startRate = rate;
  let flatSeconds = 0;
  for (const count of counts) {
    const next = count / 60;
    if (next !== rate) {
      if (flatSeconds > 0) stages.push({ durationSeconds: flatSeconds, target: rate });
      stages.push({ durationSeconds: 0, target: next });
      rate = next;
      flatSeconds = 0;
    }
    flatSeconds += 60; // equal neighbouring minutes share one stage
  }
  stages.push({ durationSeconds: flatSeconds, target: rate });
  return { name, description, startRate, stages };
}

/** Per-minute counts from "minute,count" rows. The header is optional; minutes must increase by whole
 *  minutes from any start (gaps count as 0 arrivals); blank lines and lines starting with # are skipped.
 *  Cells may be quoted ("0","600", as spreadsheets export): the CSV is read by csv-parse (RFC 4180), not by
 *  splitting on commas. Throws ScenarioError naming the line of the first bad row. */
export function minuteCountsFromCsv(name: string, text: string): number[] {
  const fail = (line: number, what: string): never => {
    throw new ScenarioError(SCENARIO_ERROR_CODES.TRACE_INVALID, `trace "${name}", line ${line}: ${what}`);
  };
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info: true` each record comes as { record, info } (csv-parse's types do not model that).
    rows = parse(text, {
      comment: '#',
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    return fail(typeof line === 'number' ? line : 0, `not readable as CSV: ${(err as Error).message}`);
  }
  const counts: number[] = [];
  let headerAllowed = true;
  let lastMinute = Number.NEGATIVE_INFINITY;
  for (const { record: cells, info } of rows) {
    const lineNo = info.lines;
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== 2) fail(lineNo, `expected 2 columns "minute,count", found ${cells.length}`);
    const [minuteText, countText] = cells as [string, string];
    const isHeader = headerAllowed && !/^[-+\d.]/.test(minuteText);
    headerAllowed = false;
    if (isHeader) continue;
    const minute = Number(minuteText);
    const count = Number(countText);
    if (minuteText === '' || !Number.isInteger(minute)) {
      fail(lineNo, `minute must be a whole number, got "${minuteText}"`);
    }
    if (countText === '' || !Number.isFinite(count))
      fail(lineNo, `count must be a number, got "${countText}"`);
    if (minute < 0) fail(lineNo, `minute must not be negative, got ${minute}`);
    if (count < 0) fail(lineNo, `count must not be negative, got ${count}`);
    if (minute <= lastMinute) fail(lineNo, `minutes must increase; ${minute} follows ${lastMinute}`);
    for (let m = lastMinute + 1; m < minute && counts.length > 0; m++) counts.push(0);
    counts.push(count);
    lastMinute = minute;
  }
  if (counts.length === 0) {
    throw new ScenarioError(
      SCENARIO_ERROR_CODES.TRACE_INVALID,
      `trace "${name}": no "minute,count" rows found`,
    );
  }
  return counts;
}

/** A profile from a CSV trace of a real launch (minute,count). Minute numbering may start anywhere: the
 *  first row is minute 0 of the run. */
export function profileFromCsv(name: string, text: string): ArrivalProfile {
  const counts = minuteCountsFromCsv(name, text);
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total <= 0) {
    throw new ScenarioError(SCENARIO_ERROR_CODES.TRACE_INVALID, `trace "${name}": every count is 0`);
  }
  return profileFromMinuteCounts(
    name,
    `Replay of a recorded trace: ${counts.length} minutes, ${total} arrivals`,
    counts,
  );
}
