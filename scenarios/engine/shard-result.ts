// A shard's RunResult from its Recorder: what run-shard.ts returns at the end and snapshots every second.
import { performance } from 'node:perf_hooks';
import type { CompiledProfile } from '../model/profile.js';
import { runEnvironment } from './environment.js';
import { toBlock } from './hdr.js';
import type { RunOptions } from './options.js';
import type { Recorder } from './recorder.js';
import { RUN_RESULT_KIND, RUN_RESULT_VERSION, type RunResult } from './run-result.js';

export interface ShardResultContext {
  options: RunOptions;
  profile: CompiledProfile;
  /** This shard's share of the arrivals (1 / workers): its part of the target. */
  share: number;
  startEpochMs: number;
  /** Seconds of the arrival window so far (capped at the run's duration). */
  elapsedSeconds: number;
  /** A live snapshot: no per-second series, no percentile summaries (hdr and counts only). */
  snapshot: boolean;
}

export function shardResult(recorder: Recorder, ctx: ShardResultContext): RunResult {
  const { options } = ctx;
  const windowSeconds = Math.min(options.durationSeconds, ctx.elapsedSeconds);
  const target = ctx.profile.expectedArrivals(0, windowSeconds) * ctx.share;
  return {
    kind: RUN_RESULT_KIND,
    version: RUN_RESULT_VERSION,
    scenario: {
      name: options.scenario.name,
      journey: options.scenario.journey,
      profile: options.scenario.profile.name,
    },
    startedAt: new Date(ctx.startEpochMs).toISOString(),
    endedAt: new Date(performance.timeOrigin + performance.now()).toISOString(),
    durationSeconds: windowSeconds,
    arrivals: {
      target,
      scheduled: recorder.scheduled,
      launched: recorder.launched,
      dropped: recorder.dropped,
      targetRate: windowSeconds > 0 ? target / windowSeconds : 0,
      achievedRate: windowSeconds > 0 ? recorder.launched / windowSeconds : 0,
    },
    journeys: recorder.journeys(),
    steps: recorder.stepResults(!ctx.snapshot),
    schedulerLag: toBlock(recorder.schedulerLag, !ctx.snapshot),
    iterationDuration: toBlock(recorder.iterationDuration, !ctx.snapshot),
    intervals: ctx.snapshot ? [] : recorder.intervals,
    thresholds: [],
    stopped: null,
    breakpoint: null,
    environment: runEnvironment(options),
  };
}
