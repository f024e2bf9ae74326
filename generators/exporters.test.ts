import { describe, expect, test } from 'vitest';
import { applicant, createGenerator } from './applicant.js';
import { CSV_COLUMNS, CSV_HEADER, encodeNdjson, MAX_RECORD_BYTES, toCsvRow, toNdjson } from './exporters.js';
import type { Applicant } from './types.js';

const sample = (): Applicant[] => {
  const bad = createGenerator({
    badData: { malformedNik: 0.1, nikBirthdateMismatch: 0.1, duplicateEmail: 0.1, underAge: 0.1 },
  });
  return [
    ...Array.from({ length: 3000 }, (_, i) => applicant(99, i * 634_133)),
    ...Array.from({ length: 1000 }, (_, i) => bad.applicant(98, i)),
  ];
};

/** RFC 4180 split of one row (quoted fields may hold commas). */
function splitCsv(row: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= row.length) {
    if (row[i] === '"') {
      const end = row.indexOf('"', i + 1);
      cells.push(row.slice(i + 1, end));
      i = end + 2;
    } else {
      const end = row.indexOf(',', i) < 0 ? row.length : row.indexOf(',', i);
      cells.push(row.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

const byPath = (a: Applicant, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], a);

describe('NDJSON', () => {
  test('a line is byte-identical to JSON.stringify of the record', () => {
    const bytes = new Uint8Array(MAX_RECORD_BYTES);
    for (const a of sample()) {
      const line = toNdjson(a);
      expect(line).toBe(JSON.stringify(a));
      expect(encodeNdjson(a, bytes, 0)).toBe(line.length);
      expect(line.length).toBeLessThan(MAX_RECORD_BYTES / 2);
    }
  });
});

describe('CSV', () => {
  test('every row has the header’s columns and the record’s values', () => {
    expect(CSV_HEADER.split(',')).toHaveLength(CSV_COLUMNS.length);
    for (const a of sample()) {
      const cells = splitCsv(toCsvRow(a));
      expect(cells).toHaveLength(CSV_COLUMNS.length);
      CSV_COLUMNS.forEach((column, c) => {
        expect(cells[c], column).toBe(String(byPath(a, column)));
      });
    }
  });
});
