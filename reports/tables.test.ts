import { describe, expect, test } from 'vitest';
import type { ReportData, StepRow } from './report-data.js';
import { stepsTable } from './tables.js';

function withSteps(steps: StepRow[]): ReportData {
  return { run: { steps } } as unknown as ReportData;
}

describe('stepsTable', () => {
  test('a step no journey reached shows no latency or failure rate, not 0s and 0.00 %', () => {
    const skipped: StepRow = {
      step: 'await-nik',
      requests: 0,
      failed: 0,
      failedRate: 0,
      p50Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
      p95FromSendMs: 0,
      topErrors: [],
    };
    const [row] = stepsTable(withSteps([skipped])).rows;
    expect(row).toEqual(['await-nik', '0', '—', '—', '—', '—', '—', '']);
  });

  test('a step with requests keeps its figures', () => {
    const visit: StepRow = {
      step: 'visit',
      requests: 88,
      failed: 0,
      failedRate: 0,
      p50Ms: 2,
      p95Ms: 6.5,
      p99Ms: 22,
      p95FromSendMs: 4,
      topErrors: [],
    };
    const [row] = stepsTable(withSteps([visit])).rows;
    expect(row?.slice(0, 3)).toEqual(['visit', '88', '0.00%']);
    expect(row?.[3]).not.toBe('—');
  });
});
