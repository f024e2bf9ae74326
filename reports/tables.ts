// The report's tables as rows of strings, shared by report.html and report.md so both say the same.
import { formatCount, formatMs, formatPercent } from '../scenarios/engine/format.js';
import type { ReportData } from './report-data.js';

export interface Table {
  head: string[];
  rows: string[][];
  /** Columns holding numbers (right-aligned). */
  numeric: number[];
}

export function stepsTable(report: ReportData): Table {
  return {
    head: ['step', 'requests', 'failed', 'p50', 'p95', 'p99', 'p95 server only', 'top failure'],
    numeric: [1, 2, 3, 4, 5, 6],
    rows: report.run.steps.map((s) => {
      const top = s.topErrors[0];
      // A step no journey reached (e.g. recover-sign-in, await-nik when not needed) has no latency and
      // no failure rate: '—', not a 0s that reads as "instant" and a 0.00 % that reads as "all fine".
      const none = s.requests === 0;
      const ms = (v: number) => (none ? '—' : formatMs(v));
      return [
        s.step,
        formatCount(s.requests),
        none ? '—' : formatPercent(s.failedRate),
        ms(s.p50Ms),
        ms(s.p95Ms),
        ms(s.p99Ms),
        ms(s.p95FromSendMs),
        top === undefined ? '' : `${top.status} ${top.code ?? ''} ×${formatCount(top.count)}`.trim(),
      ];
    }),
  };
}

export function funnelTable(report: ReportData): Table {
  return {
    head: ['step', 'reached', 'completed', 'drop-off'],
    numeric: [1, 2, 3],
    rows: report.run.funnel.map((f) =>
      // A recovery step no applicant needed: a count there would read as journeys passing through it.
      f.notNeeded
        ? [f.step, 'not needed', 'not needed', '—']
        : [
            f.step,
            formatCount(f.reached),
            formatCount(f.completed),
            `${formatCount(f.dropOff)} (${(f.dropOffRate * 100).toFixed(1)} %)`,
          ],
    ),
  };
}

export function thresholdsTable(report: ReportData): Table {
  return {
    head: ['', 'metric', 'threshold', 'measured'],
    numeric: [3],
    rows: report.run.thresholds.map((t) => [t.ok ? '✓ held' : '✗ broke', t.metric, t.expression, t.actual]),
  };
}

export function candidatesTable(report: ReportData): Table | null {
  const plan = report.plan;
  if (plan === null) return null;
  const chosen = plan.chosen;
  return {
    head: ['instances', 'registry calls in flight', 'DB connections', 'predicted p95', 'meets SLO'],
    numeric: [0, 1, 2, 3],
    rows: plan.candidates.map((c) => {
      const isChosen =
        chosen !== null &&
        c.instances === chosen.instances &&
        c.registryConcurrency === chosen.registryConcurrency &&
        c.dbConnections === chosen.dbConnections;
      return [
        String(c.instances),
        String(c.registryConcurrency),
        String(c.dbConnections),
        formatMs(c.p95Ms),
        `${c.meetsSlo ? 'yes' : 'no'}${isChosen ? ' ← chosen' : ''}`,
      ];
    }),
  };
}

export function wavesTable(report: ReportData): Table | null {
  const waves = report.plan?.waves ?? [];
  if (waves.length === 0) return null;
  return {
    head: [
      'wave',
      'opens',
      'new registrations',
      'peak sign-ups/min',
      'instances',
      'registry calls',
      'DB connections',
    ],
    numeric: [0, 2, 3, 4, 5, 6],
    rows: waves.map((w) => [
      String(w.wave),
      w.opensOn,
      formatCount(w.registrations),
      formatCount(w.peakPerMinute),
      w.instances === null ? '—' : String(w.instances),
      w.registryConcurrency === null ? '—' : String(w.registryConcurrency),
      w.dbConnections === null ? '—' : String(w.dbConnections),
    ]),
  };
}

export function uslTable(report: ReportData): Table | null {
  const probe = report.probe;
  if (probe === null || probe.length === 0) return null;
  return {
    head: [
      'step',
      'levels probed',
      'σ (contention)',
      'κ (coherency)',
      'λ (req/s at N=1)',
      'peak at N*',
      'R²',
    ],
    numeric: [1, 2, 3, 4, 5, 6],
    rows: probe.map((p) => [
      p.step,
      String(p.points.length),
      p.usl === null ? '—' : p.usl.sigma.toFixed(4),
      p.usl === null ? '—' : p.usl.kappa.toExponential(2),
      p.usl === null ? '—' : p.usl.lambda.toFixed(1),
      p.usl?.peakConcurrency == null ? '—' : String(Math.round(p.usl.peakConcurrency)),
      p.usl === null ? '—' : p.usl.rSquared.toFixed(3),
    ]),
  };
}

export function comparisonTable(report: ReportData): Table | null {
  if (report.predictedVsMeasured.length === 0) return null;
  return {
    head: ['quantity', 'predicted', 'measured', 'error'],
    numeric: [1, 2, 3],
    rows: report.predictedVsMeasured.map((c) => [
      c.quantity,
      `${c.predicted.toFixed(1)} ${c.unit}`,
      `${c.measured.toFixed(1)} ${c.unit}`,
      `${c.error >= 0 ? '+' : ''}${(c.error * 100).toFixed(1)} %`,
    ]),
  };
}
