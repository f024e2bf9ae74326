// The engine's front: startRun(options) runs the scenario's shards (here or in worker threads), merges
// their seconds into 'tick' events as they complete, judges thresholds (live, when one may abort the run;
// always at the end) and emits 'done' with the merged RunResult. Progress displays, /metrics and reports
// subscribe to the events, as with autocannon's 'tick' and 'done'.
import { EventEmitter } from 'node:events';
import { breakpointReport } from '../model/profiles/breakpoint.js';
import { shouldAbort, type ThresholdVerdict } from '../model/thresholds.js';
import { mergeIntervals, mergeResults } from './merge.js';
import { judgeRun } from './metric-view.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { compileRunProfile, type RunOptions } from './options.js';
import type { IntervalRow, RunResult } from './run-result.js';
import { localDriver, type ShardDriver, type ShardReport, workerDriver } from './shards.js';

/** Running totals of the per-second counters (IntervalRow's meanings, summed since the start). */
export type TickTotals = Pick<
  IntervalRow,
  'targetArrivals' | 'arrivals' | 'dropped' | 'completed' | 'requests' | 'errors'
>;

export interface TickEvent {
  /** The second just closed, counted from the first arrival. */
  row: IntervalRow;
  /** Sums from the start through this second. */
  totals: TickTotals;
  /** Live verdicts, when a threshold has abortOnFail (judged every second). */
  verdicts: ThresholdVerdict[] | undefined;
}

export interface EngineEvents {
  tick: [TickEvent];
  done: [RunResult];
  /** Arrivals stopped early: by stop(), or a threshold with abortOnFail. */
  aborted: [string];
}

/** From the moment every shard is ready to the first arrival: time for the timers and sockets to settle. */
const START_DELAY_MS = 50;

export class EngineRun extends EventEmitter<EngineEvents> {
  readonly result: Promise<RunResult>;
  /** Set once the live /metrics server listens. */
  metricsUrl: string | undefined;
  private driver: ShardDriver | undefined;
  private stopReason: string | undefined;

  constructor(readonly options: RunOptions) {
    super();
    this.result = this.run();
    // 'done' listeners are optional; the promise carries errors to whoever awaits it.
    this.result.catch(() => {});
  }

  /** Stops new arrivals now; journeys in flight finish within the graceful stop. */
  stop(reason = 'stopped by the user'): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.driver?.abort();
    this.emit('aborted', reason);
  }

  private async run(): Promise<RunResult> {
    const { options } = this;
    const snapshots = options.thresholds.some((t) => t.abortOnFail === true);
    const local = options.workers === 1;
    const seconds = new Map<number, ShardReport[]>();
    const totals: TickTotals = {
      targetArrivals: 0,
      arrivals: 0,
      dropped: 0,
      completed: 0,
      requests: 0,
      errors: 0,
    };
    let lastEmitted = -1;
    // For the breakpoint report: the last second all live verdicts held, the first an abortOnFail one broke.
    let lastPassedAtSeconds = 0;
    let failedAtSeconds: number | null = null;

    const emitSecond = (t: number, reports: ShardReport[]): void => {
      seconds.delete(t);
      if (t <= lastEmitted) return;
      lastEmitted = t;
      const row = mergeIntervals(reports.map((r) => r.row))[0]!;
      for (const key of Object.keys(totals) as Array<keyof TickTotals>) totals[key] += row[key];
      let verdicts: ThresholdVerdict[] | undefined;
      const shots = reports.flatMap((r) => (r.snapshot === undefined ? [] : [r.snapshot]));
      if (snapshots && shots.length === reports.length) {
        verdicts = judgeRun(mergeResults(shots), options.thresholds).thresholds;
        if (verdicts.every((v) => v.ok)) lastPassedAtSeconds = t + 1;
        if (shouldAbort(verdicts)) {
          failedAtSeconds ??= t + 1;
          const failed = verdicts
            .filter((v) => !v.ok && v.abortOnFail)
            .map((v) => `${v.metric} ${v.expression}`);
          this.stop(`threshold failed with abortOnFail: ${failed.join('; ')}`);
        }
      }
      this.emit('tick', { row, totals: { ...totals }, verdicts });
    };
    const onReport = (report: ShardReport): void => {
      const list = seconds.get(report.row.t) ?? [];
      list.push(report);
      seconds.set(report.row.t, list);
      if (list.length === options.workers) emitSecond(report.row.t, list);
    };

    const driver = (local ? localDriver : workerDriver)({
      options,
      startDelayMs: START_DELAY_MS,
      snapshots,
      onReport,
    });
    this.driver = driver;
    if (this.stopReason !== undefined) driver.abort();
    let server: MetricsServer | undefined;
    try {
      if (options.metricsPort !== undefined && driver.metricsText !== undefined) {
        server = await startMetricsServer(options.metricsPort, driver.metricsText);
        this.metricsUrl = server.url;
      }
      const results = await driver.results;
      // Shards end at slightly different moments: their last partial seconds may not all line up.
      for (const [t, reports] of [...seconds.entries()].sort(([a], [b]) => a - b)) emitSecond(t, reports);
      const judged = judgeRun(mergeResults(results), options.thresholds);
      const result: RunResult = {
        ...judged,
        stopped:
          this.stopReason === undefined
            ? null
            : { reason: this.stopReason, atSeconds: judged.durationSeconds },
        breakpoint: snapshots
          ? breakpointReport(compileRunProfile(options), { lastPassedAtSeconds, failedAtSeconds })
          : null,
      };
      this.emit('done', result);
      return result;
    } finally {
      await server?.close();
    }
  }
}

/** Starts a run of validated options (see validateRunOptions). Await `.result`, or listen for 'done'. */
export function startRun(options: RunOptions): EngineRun {
  return new EngineRun(options);
}
