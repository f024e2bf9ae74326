// `gelombang import k6` on checked-in k6 output (test/fixtures/k6: k6's documented --out json lines — .ndjson,
// as k6 writes them whatever the name — for two
// instances of the smoke bundle, and a --summary-export document): the percentiles are the samples' own,
// two files merge into one result, thresholds are judged on the merged data.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../engine/json-schema.js';
import schema from '../engine/run-result.schema.json' with { type: 'json' };
import { getScenario } from '../model/scenarios.js';
import { importK6 } from './import.js';

const FIXTURES = new URL('../../test/fixtures/k6/', import.meta.url).pathname;
const A = `${FIXTURES}smoke-instance-a.ndjson`;
const B = `${FIXTURES}smoke-instance-b.ndjson`;
const SUMMARY = `${FIXTURES}smoke-summary-export.json`;

/** http_req_duration samples by step, straight from the k6 lines. */
function samples(...files: string[]): Map<string, number[]> {
  const byStep = new Map<string, number[]>();
  for (const file of files) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      if (text === '') continue;
      const line = JSON.parse(text);
      if (line.type !== 'Point' || line.metric !== 'http_req_duration') continue;
      const list = byStep.get(line.data.tags.step) ?? [];
      list.push(line.data.value);
      byStep.set(line.data.tags.step, list);
    }
  }
  return byStep;
}

/** Nearest-rank percentile (what an HDR histogram reports, to its precision). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function expectPercentiles(result: Awaited<ReturnType<typeof importK6>>, byStep: Map<string, number[]>) {
  for (const [step, values] of byStep) {
    const block = result.steps.find((s) => s.step === step)!.fromSend;
    expect(block.count, step).toBe(values.length);
    for (const [key, p] of [
      ['p50', 50],
      ['p90', 90],
      ['p95', 95],
      ['p99', 99],
      ['max', 100],
    ] as const) {
      // HDR keeps 3 significant digits, and µs resolution.
      expect(Math.abs(block[key] - percentile(values, p)), `${step} ${key}`).toBeLessThanOrEqual(
        Math.max(0.002, percentile(values, p) * 0.001),
      );
    }
  }
}

describe('gelombang import k6', () => {
  it('--out json: every sample counted, percentiles reproduced per step', async () => {
    const result = await importK6([A]);
    expectPercentiles(result, samples(A));
    expect(result.scenario.name).toBe('smoke');
    expect(result.source).toEqual({ runner: 'k6', format: 'json', files: [A], approximate: false });
    const visit = result.steps.find((s) => s.step === 'visit')!;
    expect(visit.failed).toBe(
      visit.outcomes.filter((o) => o.status === 503).reduce((n, o) => n + o.count, 0),
    );
    expect(result.journeys.completed + result.journeys.abandoned).toBe(16);
    expect(validateAgainstSchema(schema, result)).toEqual([]);
  });

  it('two instances merge: counts add, percentiles are those of all samples, thresholds judged on the merge', async () => {
    const merged = await importK6([A, B]);
    expectPercentiles(merged, samples(A, B));
    const [a, b] = [await importK6([A]), await importK6([B])];
    expect(merged.steps.reduce((n, s) => n + s.requests, 0)).toBe(
      a.steps.reduce((n, s) => n + s.requests, 0) + b.steps.reduce((n, s) => n + s.requests, 0),
    );
    expect(merged.journeys.completed).toBe(a.journeys.completed + b.journeys.completed);
    expect(merged.arrivals.dropped).toBe(1);
    expect(merged.source?.files).toEqual([A, B]);
    // The smoke scenario's thresholds, one verdict per expression; dropped_iterations count==0 fails.
    const expressions = getScenario('smoke').thresholds.flatMap((t) => t.expressions);
    expect(merged.thresholds).toHaveLength(expressions.length);
    expect(merged.thresholds.find((v) => v.metric === 'dropped_iterations')?.ok).toBe(false);
    // Intervals of both instances count from the earlier start, so their seconds line up.
    expect(merged.intervals[0]?.t).toBe(0);
    expect(validateAgainstSchema(schema, merged)).toEqual([]);
  });

  it('--summary-export: histograms through the fixed percentiles, marked approximate', async () => {
    const result = await importK6([SUMMARY]);
    expect(result.source?.approximate).toBe(true);
    const account = result.steps.find((s) => s.step === 'account')!;
    for (const [key, want] of [
      ['p50', 44.9],
      ['p90', 88.2],
      ['p95', 104.6],
      ['p99', 170.2],
    ] as const) {
      expect(Math.abs(account.fromSend[key] - want) / want, key).toBeLessThan(0.01);
    }
    expect(result.journeys.completed).toBe(72);
    expect(result.thresholds.every((v) => v.ok)).toBe(true);
    expect(validateAgainstSchema(schema, result)).toEqual([]);
  });

  it('says which line of a file is not k6 output', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'k6-bad-')), 'bad.json');
    writeFileSync(file, `${readFileSync(A, 'utf8').split('\n').slice(0, 3).join('\n')}\n{"type":"Point"\n`);
    await expect(importK6([file])).rejects.toThrow(/line 4: not JSON/);
  });
});
