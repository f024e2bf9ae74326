import { describe, expect, test } from 'vitest';
import { funnelChart } from './charts.js';
import type { FunnelRow, ReportData, StepRow } from './report-data.js';
import { funnelTable, stepsTable } from './tables.js';

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

describe('funnelTable', () => {
  const funnel: FunnelRow[] = [
    { step: 'account', reached: 100, completed: 90, dropOff: 10, dropOffRate: 0.1, notNeeded: false },
    { step: 'recover-sign-in', reached: 0, completed: 0, dropOff: 0, dropOffRate: 0, notNeeded: true },
    { step: 'outbox', reached: 90, completed: 90, dropOff: 0, dropOffRate: 0, notNeeded: false },
  ];

  test('a recovery step no applicant needed says so, not a count or a percentage', () => {
    const rows = funnelTable({ run: { funnel } } as unknown as ReportData).rows;
    expect(rows[1]).toEqual(['recover-sign-in', 'not needed', 'not needed', '—']);
    expect(rows[0]).toEqual(['account', '100', '90', '10 (10.0 %)']);
  });

  test('the funnel chart leaves it out', () => {
    const chart = funnelChart(funnel);
    expect(chart.svg).toContain('outbox');
    expect(chart.svg).not.toContain('recover-sign-in');
  });
});
