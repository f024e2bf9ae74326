// report.html in a real browser (Debian's headless chromium): every section filled from a real run and
// the capacity fixtures. Nothing leaves file://, no console errors, every chart drew marks, the headline is
// on the first screen, on a laptop and on a phone. (The demo's own report is checked the same way by
// test/demo.test.ts, which also saves the README's screenshot.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildReport } from '../reports/build-report.js';
import { COMPARISONS, PLAN, PROBE, SIMULATION } from '../reports/fixtures/capacity-sections.js';
import smoke from '../reports/fixtures/smoke-run.json' with { type: 'json' };
import { writeReport } from '../reports/write-report.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { viewReport } from './helpers/report-browser.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-report-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = buildReport({
  run: smoke as unknown as RunResult,
  probe: PROBE,
  simulation: SIMULATION,
  plan: PLAN,
  predictedVsMeasured: COMPARISONS,
  files: { run: 'run.json', probe: 'probe.json', sim: 'sim.json', plan: 'plan.json' },
  generatedAt: '2026-04-11T08:00:00.000Z',
});
const files = writeReport(report, dir);

describe('report.html in chromium', () => {
  test.each([
    ['a laptop', 1280, 800],
    ['a phone', 390, 844],
  ])(
    'on %s: self-contained, no errors, every chart drawn, the headline on the first screen',
    async (_, width, height) => {
      const view = await viewReport(files.html, { width, height });
      expect(view.consoleErrors).toEqual([]);
      expect(view.externalRequests).toEqual([]);
      expect(view.charts.map((c) => c.id)).toEqual([
        'arrivals',
        'latency-over-time',
        'latency-per-step',
        'funnel',
        'throughput-vs-concurrency',
        'sim-queue',
        'sim-utilisation',
        'sizing',
        'predicted-vs-measured',
      ]);
      for (const chart of view.charts) expect(chart.marks, `chart ${chart.id}`).toBeGreaterThan(0);
      expect(view.headline.text).toBe(report.headline.sizingSentence);
      expect(view.headline.visibleInFirstScreen).toBe(true);
    },
    60_000,
  );
});
