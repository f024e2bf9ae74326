// Accumulates one shard's measurements while it runs: two HDR histograms per step (from intended send,
// from actual send), counts by step × outcome × status/code, journey ends, scheduler lag, and the
// current one-second interval. Everything a RunResult needs, and nothing that grows per sample.
import { type Histogram, newHistogram, recordMs, toBlock } from './hdr.js';
import { isExpectedStatus } from '../model/responses.js';
import { emptyIntervalTally, intervalRow } from './interval-tally.js';
import type { LiveMetrics } from './live-metrics.js';
import { boundOutcomes, OTHER_CODE, outcomeKey, RECORDER_OUTCOME_ROWS } from './outcome-table.js';
import type { IntervalRow, OutcomeCount, OutcomeKind, RunResult, StepResult } from './run-result.js';

interface StepRecord {
  fromIntended: Histogram;
  fromSend: Histogram;
  requests: number;
  failed: number;
  outcomes: Map<string, OutcomeCount>;
  lastOutcome: OutcomeCount | undefined;
}

export interface RequestSample {
  step: string;
  method: string;
  /** Clock times in ms (performance.now() scale). */
  intendedAt: number;
  sentAt: number;
  receivedAt: number;
  outcome: OutcomeKind;
  status: number;
  code: string | null;
}

export type JourneyEndKind = 'completed' | 'abandoned' | 'dropped-out' | 'interrupted' | 'errored';

export class Recorder {
  readonly steps = new Map<string, StepRecord>();
  readonly schedulerLag = newHistogram();
  readonly iterationDuration = newHistogram();
  scheduled = 0;
  launched = 0;
  dropped = 0;
  inFlight = 0;
  requests = 0;
  errors = 0;
  readonly journeyEnds: Record<JourneyEndKind, number> = {
    completed: 0,
    abandoned: 0,
    'dropped-out': 0,
    interrupted: 0,
    errored: 0,
  };
  readonly byLastStep = new Map<string, number>();
  readonly intervals: IntervalRow[] = [];
  private current = emptyIntervalTally();

  /** Steps known up front keep the journey's order in the result, even those never reached. */
  constructor(
    stepOrder: readonly string[],
    private readonly live?: LiveMetrics | undefined,
  ) {
    for (const step of stepOrder) this.step(step);
  }

  private step(name: string): StepRecord {
    let record = this.steps.get(name);
    if (record === undefined) {
      record = {
        fromIntended: newHistogram(),
        fromSend: newHistogram(),
        requests: 0,
        failed: 0,
        outcomes: new Map(),
        lastOutcome: undefined,
      };
      this.steps.set(name, record);
    }
    return record;
  }

  arrivalLaunched(lagMs: number): void {
    this.scheduled++;
    this.launched++;
    this.inFlight++;
    this.current.arrivals++;
    recordMs(this.schedulerLag, lagMs);
    this.live?.lag(lagMs / 1000);
    this.live?.setInFlight(this.inFlight);
  }

  arrivalDropped(): void {
    this.scheduled++;
    this.dropped++;
    this.current.dropped++;
    this.live?.dropped();
  }

  request(sample: RequestSample): void {
    const record = this.step(sample.step);
    const fromIntended = sample.receivedAt - sample.intendedAt;
    recordMs(record.fromIntended, fromIntended);
    recordMs(record.fromSend, sample.receivedAt - sample.sentAt);
    recordMs(this.current.latency, fromIntended);
    // k6's rule (expected statuses), shared with the k6 bundle: http_req_failed means the same in both.
    const failed = !isExpectedStatus(sample.status);
    record.requests++;
    this.requests++;
    this.current.requests++;
    if (failed) {
      record.failed++;
      this.errors++;
      this.current.errors++;
    }
    // Most answers repeat the step's previous outcome, status and code: count them without a lookup.
    const last = record.lastOutcome;
    if (
      last !== undefined &&
      last.outcome === sample.outcome &&
      last.status === sample.status &&
      last.code === sample.code
    ) {
      last.count++;
    } else {
      let key = outcomeKey(sample);
      let row = record.outcomes.get(key);
      if (row === undefined && record.outcomes.size >= RECORDER_OUTCOME_ROWS) {
        // A new code after the table is full: counted under 'other', so memory and run.json stay bounded.
        key = outcomeKey({ outcome: sample.outcome, status: sample.status, code: OTHER_CODE });
        row = record.outcomes.get(key);
      }
      if (row === undefined) {
        const code = key.endsWith(`|${OTHER_CODE}`) ? OTHER_CODE : sample.code;
        row = { outcome: sample.outcome, status: sample.status, code, count: 0 };
        record.outcomes.set(key, row);
      }
      row.count++;
      record.lastOutcome = row;
    }
    this.live?.request(sample.step, sample.method, sample.status, failed, fromIntended / 1000);
  }

  journeyEnded(kind: JourneyEndKind, lastStep: string | null, durationMs: number): void {
    this.inFlight--;
    this.journeyEnds[kind]++;
    if (kind === 'completed') this.current.completed++;
    const key = lastStep ?? '';
    this.byLastStep.set(key, (this.byLastStep.get(key) ?? 0) + 1);
    recordMs(this.iterationDuration, durationMs);
    this.live?.iteration(kind, durationMs / 1000);
    this.live?.setInFlight(this.inFlight);
  }

  /** Closes the current second and returns its row (also kept for the result). */
  closeInterval(t: number, targetArrivals: number): IntervalRow {
    const row = intervalRow(t, targetArrivals, this.inFlight, this.current);
    this.intervals.push(row);
    this.current = emptyIntervalTally();
    return row;
  }

  /** `summaries: false` (live snapshots) skips the percentiles: only hdr and count are filled. */
  stepResults(summaries = true): StepResult[] {
    return [...this.steps.entries()].map(([step, record]) => ({
      step,
      requests: record.requests,
      failed: record.failed,
      fromIntended: toBlock(record.fromIntended, summaries),
      fromSend: toBlock(record.fromSend, summaries),
      outcomes: boundOutcomes(record.outcomes.values()),
    }));
  }

  journeys(): RunResult['journeys'] {
    const e = this.journeyEnds;
    return {
      completed: e.completed,
      abandoned: e.abandoned,
      droppedOut: e['dropped-out'],
      interrupted: e.interrupted,
      errored: e.errored,
      byLastStep: Object.fromEntries([...this.byLastStep.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
