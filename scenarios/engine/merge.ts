// Pure merge of shard results (worker threads, or machines via `gelombang import k6`) into one RunResult,
// like autocannon's aggregateResult(): counts add, HDR histograms add (exactly: the merged histogram is the
// histogram of all samples), intervals line up by their second. Threshold verdicts are not mergeable
// (a p95 of p95s means nothing): the result comes back with none, to be evaluated on the merged data;
// so does the breakpoint report, which only the live judge of the whole run can make.
import {
  encodeHistogram,
  type HistogramBlock,
  mergeEncoded,
  percentileMs,
  SERIES_PRECISION,
  toBlock,
} from './hdr.js';
import { boundOutcomes } from './outcome-table.js';
import type { IntervalRow, RunResult, RunSource, StepResult } from './run-result.js';

function mergeBlocks(blocks: HistogramBlock[]): HistogramBlock {
  return toBlock(mergeEncoded(blocks.map((block) => block.hdr)));
}

function sumBy<T>(items: readonly T[], pick: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += pick(item);
  return total;
}

function mergeSteps(results: readonly RunResult[]): StepResult[] {
  const order: string[] = [];
  const byStep = new Map<string, StepResult[]>();
  for (const result of results) {
    for (const step of result.steps) {
      const list = byStep.get(step.step);
      if (list === undefined) {
        order.push(step.step);
        byStep.set(step.step, [step]);
      } else {
        list.push(step);
      }
    }
  }
  return order.map((name) => {
    const parts = byStep.get(name) ?? [];
    return {
      step: name,
      requests: sumBy(parts, (p) => p.requests),
      failed: sumBy(parts, (p) => p.failed),
      fromIntended: mergeBlocks(parts.map((p) => p.fromIntended)),
      fromSend: mergeBlocks(parts.map((p) => p.fromSend)),
      outcomes: boundOutcomes(parts.flatMap((part) => part.outcomes)),
    };
  });
}

function mergeSources(results: readonly RunResult[]): { source?: RunSource } {
  const sources = results.flatMap((r) => (r.source === undefined ? [] : [r.source]));
  const first = sources[0];
  if (first === undefined) return {};
  return {
    source: {
      runner: first.runner,
      format: [...new Set(sources.map((s) => s.format))].sort().join('+'),
      files: sources.flatMap((s) => s.files),
      approximate: sources.some((s) => s.approximate),
    },
  };
}

/** Rows with the same `t` merge; the target is the profile's, so shards' targets add up too. */
export function mergeIntervals(rows: readonly IntervalRow[]): IntervalRow[] {
  const byT = new Map<number, IntervalRow[]>();
  for (const row of rows) {
    const list = byT.get(row.t);
    if (list === undefined) byT.set(row.t, [row]);
    else list.push(row);
  }
  return [...byT.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, parts]) => {
      const latency = mergeEncoded(
        parts.map((p) => p.hdr),
        SERIES_PRECISION,
      );
      return {
        t,
        targetArrivals: sumBy(parts, (p) => p.targetArrivals),
        arrivals: sumBy(parts, (p) => p.arrivals),
        dropped: sumBy(parts, (p) => p.dropped),
        completed: sumBy(parts, (p) => p.completed),
        requests: sumBy(parts, (p) => p.requests),
        errors: sumBy(parts, (p) => p.errors),
        p95Ms: percentileMs(latency, 95),
        inFlight: sumBy(parts, (p) => p.inFlight),
        hdr: encodeHistogram(latency),
      };
    });
}

function sumRecords(records: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const out = new Map<string, number>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) out.set(key, (out.get(key) ?? 0) + value);
  }
  return Object.fromEntries([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Merges shard results of one run. Shards are assumed to share the scenario and the arrival window. */
export function mergeResults(results: readonly RunResult[]): RunResult {
  const first = results[0];
  if (first === undefined) throw new Error('mergeResults needs at least one result');
  if (results.length === 1) return { ...first, thresholds: [], breakpoint: null };
  const durationSeconds = Math.max(...results.map((r) => r.durationSeconds));
  const target = sumBy(results, (r) => r.arrivals.target);
  const launched = sumBy(results, (r) => r.arrivals.launched);
  const journeys = results.map((r) => r.journeys);
  return {
    kind: first.kind,
    version: first.version,
    scenario: first.scenario,
    startedAt: results.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    endedAt:
      results
        .map((r) => r.endedAt)
        .sort()
        .at(-1) ?? first.endedAt,
    durationSeconds,
    arrivals: {
      target,
      scheduled: sumBy(results, (r) => r.arrivals.scheduled),
      launched,
      dropped: sumBy(results, (r) => r.arrivals.dropped),
      targetRate: durationSeconds > 0 ? target / durationSeconds : 0,
      achievedRate: durationSeconds > 0 ? launched / durationSeconds : 0,
    },
    journeys: {
      completed: sumBy(journeys, (j) => j.completed),
      abandoned: sumBy(journeys, (j) => j.abandoned),
      droppedOut: sumBy(journeys, (j) => j.droppedOut),
      interrupted: sumBy(journeys, (j) => j.interrupted),
      errored: sumBy(journeys, (j) => j.errored),
      byLastStep: sumRecords(journeys.map((j) => j.byLastStep)),
    },
    steps: mergeSteps(results),
    schedulerLag: mergeBlocks(results.map((r) => r.schedulerLag)),
    iterationDuration: mergeBlocks(results.map((r) => r.iterationDuration)),
    intervals: mergeIntervals(results.flatMap((r) => r.intervals)),
    thresholds: [],
    stopped: results.find((r) => r.stopped !== null)?.stopped ?? null,
    breakpoint: null,
    // Shards of one run share the options (and the seed); the first shard's environment stands for all.
    environment: first.environment,
    ...mergeSources(results),
  };
}
