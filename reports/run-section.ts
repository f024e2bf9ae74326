// RunResult (run.json) → the report's run section: per-step rows, the funnel with its drop-off, threshold
// verdicts in words, and the per-second series the charts draw. Pure.
import type { RunResult } from '../scenarios/engine/run-result.js';
import { observed } from '../scenarios/engine/summary.js';
import { RECOVERY_STEPS } from '../scenarios/model/funnel-steps.js';
import type { FunnelRow, RunSection, StepRow } from './report-data.js';

function stepRow(step: RunResult['steps'][number]): StepRow {
  const failures = step.outcomes
    .filter((o) => o.outcome === 'retry' || o.outcome === 'abandon')
    .sort((a, b) => b.count - a.count)
    .slice(0, 3)
    .map(({ status, code, count }) => ({ status, code, count }));
  return {
    step: step.step,
    requests: step.requests,
    failed: step.failed,
    failedRate: step.requests === 0 ? 0 : step.failed / step.requests,
    p50Ms: step.fromIntended.p50,
    p95Ms: step.fromIntended.p95,
    p99Ms: step.fromIntended.p99,
    p95FromSendMs: step.fromSend.p95,
    topErrors: failures,
  };
}

/** The funnel from `journeys.byLastStep`: a journey that last completed step k completed steps 0…k
 *  (steps are listed in journey order). Retries do not inflate it, unlike request counts.
 *  A recovery step nobody needed (no requests) is not a stage anyone passed: it is marked notNeeded with
 *  zero counts, and the next step is reached from the step before it, so the drop-off of the step after
 *  it is not put on the recovery step. */
export function funnelRows(result: RunResult): FunnelRow[] {
  const order = result.steps.map((s) => s.step);
  const notNeeded = result.steps.map((s) => RECOVERY_STEPS.includes(s.step) && s.requests === 0);
  const lastIndex = new Map(order.map((step, i) => [step, i]));
  const completed = order.map(() => 0);
  for (const [step, count] of Object.entries(result.journeys.byLastStep)) {
    const k = lastIndex.get(step);
    if (k === undefined) continue; // '' (none completed) or a step without requests
    for (let i = 0; i <= k; i++) completed[i]! += count;
  }
  let reached = result.arrivals.launched;
  return order.map((step, i) => {
    if (notNeeded[i]) return { step, reached: 0, completed: 0, dropOff: 0, dropOffRate: 0, notNeeded: true };
    const row = {
      step,
      reached,
      completed: completed[i]!,
      dropOff: Math.max(0, reached - completed[i]!),
      dropOffRate: reached === 0 ? 0 : Math.max(0, reached - completed[i]!) / reached,
      notNeeded: false,
    };
    reached = completed[i]!;
    return row;
  });
}

export function runSection(result: RunResult): RunSection {
  const env = result.environment;
  const rows = result.intervals;
  return {
    scenario: result.scenario.name,
    target: env.options.target,
    startedAt: result.startedAt,
    durationSeconds: result.durationSeconds,
    scale: env.options.scale,
    timeScale: env.options.timeScale,
    seed: env.seed,
    arrivals: {
      target: result.arrivals.target,
      launched: result.arrivals.launched,
      dropped: result.arrivals.dropped,
      targetRate: result.arrivals.targetRate,
      achievedRate: result.arrivals.achievedRate,
    },
    journeys: {
      completed: result.journeys.completed,
      abandoned: result.journeys.abandoned,
      droppedOut: result.journeys.droppedOut,
      interrupted: result.journeys.interrupted,
      errored: result.journeys.errored,
    },
    steps: result.steps.map(stepRow),
    funnel: funnelRows(result),
    thresholds: result.thresholds.map((v) => ({
      metric: v.metric,
      expression: v.expression,
      ok: v.ok,
      actual: observed(v.metric, v.actual),
    })),
    series: {
      t: rows.map((r) => r.t),
      targetArrivals: rows.map((r) => r.targetArrivals),
      arrivals: rows.map((r) => r.arrivals),
      p95Ms: rows.map((r) => r.p95Ms),
      errors: rows.map((r) => r.errors),
    },
  };
}
