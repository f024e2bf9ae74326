// Reads a regional office's batch file into rows: NDJSON (one JSON object a line) or CSV with a header
// row (csv-parse). Every line that is not the file's final newline is a row, so nothing is silently
// dropped: a row that cannot be read comes back as `unreadable` with the reason, and is reported.
import { parse } from 'csv-parse/sync';
import { glbError } from './errors.js';

/** Most rows in one batch (the 10 k); a bigger file is refused before any row is written. */
export const MAX_BULK_ROWS = 10_000;

export type RawRow = { row: number; value: Record<string, unknown> } | { row: number; unreadable: string };

export type BulkFormat = 'ndjson' | 'csv';

/** The format named by a Content-Type, or undefined when it is neither. */
export function bulkFormat(contentType: string | undefined): BulkFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/ndjson') return 'ndjson';
  if (type === 'text/csv') return 'csv';
  return undefined;
}

/** Rows numbered from 1 (CSV: the first data row after the header). `columns` are the fields a row may
 *  have; a CSV header must name exactly those. Throws GlbError: BULK_EMPTY, BULK_TOO_MANY_ROWS,
 *  BULK_CSV_MALFORMED, BULK_CSV_HEADER. */
export function readBulkRows(text: string, format: BulkFormat, columns: readonly string[]): RawRow[] {
  const rows = format === 'ndjson' ? ndjsonRows(text) : csvRows(text, columns);
  if (rows.length === 0) throw glbError('BULK_EMPTY');
  if (rows.length > MAX_BULK_ROWS)
    throw glbError('BULK_TOO_MANY_ROWS', { rows: rows.length, max: MAX_BULK_ROWS });
  return rows;
}

function ndjsonRows(text: string): RawRow[] {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  if (lines.length === 1 && lines[0]!.trim() === '') return [];
  if (lines.length > MAX_BULK_ROWS) {
    throw glbError('BULK_TOO_MANY_ROWS', { rows: lines.length, max: MAX_BULK_ROWS }); // before parsing any
  }
  return lines.map((line, i) => {
    const row = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { row, unreadable: 'not valid JSON' };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { row, unreadable: 'not a JSON object' };
    }
    return { row, value: value as Record<string, unknown> };
  });
}

function csvRows(text: string, columns: readonly string[]): RawRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const { lines } = err as { lines?: number };
    throw glbError('BULK_CSV_MALFORMED', { line: lines, reason: (err as Error).message.slice(0, 200) });
  }
  const [header, ...data] = records;
  if (header === undefined) return [];
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !columns.includes(n));
  const missing = columns.filter((c) => !names.includes(c));
  if (unknown.length > 0 || missing.length > 0 || new Set(names).size !== names.length) {
    throw glbError('BULK_CSV_HEADER', { unknown, missing, expected: columns });
  }
  return data.map((fields, i) => {
    const row = i + 1;
    if (fields.length !== names.length) {
      return { row, unreadable: `${fields.length} fields where the header names ${names.length}` };
    }
    return { row, value: Object.fromEntries(names.map((n, j) => [n, fields[j]])) };
  });
}
