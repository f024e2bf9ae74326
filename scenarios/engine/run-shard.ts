// Runs one shard of a run — all of it with one worker, or worker k's arrivals (index mod n = k) — and
// returns its RunResult (thresholds not yet evaluated). Shards of a run share a start instant on the wall
// clock, so their seconds line up when the parent merges them.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { arrivalSchedule } from '../model/arrivals.js';
import { getJourney } from '../model/journeys.js';
import { createTransport } from './http-transport.js';
import { type JourneyContext, startJourney } from './journey-runner.js';
import type { LiveMetrics } from './live-metrics.js';
import { compileRunProfile, type RunOptions, shareOf } from './options.js';
import { Recorder } from './recorder.js';
import type { IntervalRow, RunResult } from './run-result.js';
import { shardResult } from './shard-result.js';
import { startScheduler } from './scheduler.js';

export interface ShardSpec {
  index: number;
  count: number;
  /** Wall-clock instant (Unix ms) of the first arrival, the same for every shard. */
  startEpochMs: number;
}

/** Live thresholds (abortOnFail) are judged every this many seconds, as k6 does every 2 s: a snapshot
 *  encodes every histogram of the shard, which is not free on the thread that launches arrivals. */
export const LIVE_JUDGING_SECONDS = 2;

export function isJudgingSecond(t: number): boolean {
  return (t + 1) % LIVE_JUDGING_SECONDS === 0;
}

export interface ShardHooks {
  /** Every second of the run (and the drain after it), with the shard's row for that second and a way to
   *  take a snapshot of the whole shard so far (without intervals), e.g. for abortOnFail thresholds. */
  onInterval?: ((row: IntervalRow, snapshot: () => RunResult) => void) | undefined;
  live?: LiveMetrics | undefined;
  /** Stops launching arrivals (e.g. a threshold with abortOnFail broke); journeys in flight drain. */
  abort?: AbortSignal | undefined;
}

export async function runShard(
  options: RunOptions,
  shard: ShardSpec,
  hooks: ShardHooks = {},
): Promise<RunResult> {
  const profile = compileRunProfile(options);
  const journey = getJourney(options.scenario.journey, { thinkScale: options.thinkScale });
  const schedule = arrivalSchedule(profile, {
    seed: options.seed,
    process: options.arrivalProcess,
    worker: { index: shard.index, count: shard.count },
  });
  const transport = createTransport({
    origin: options.origin,
    basePath: options.basePath,
    connections: shareOf(options.connections, shard.count, shard.index),
    timeoutMs: options.timeoutMs,
  });
  const recorder = new Recorder(journey.steps, hooks.live);
  const cap = shareOf(options.maxInFlight, shard.count, shard.index);
  // Aborted when the graceful stop runs out: wakes every journey sleeping through its think time (one
  // listener for all of them, journey-runner.ts).
  const stop = new AbortController();
  const ctx: JourneyContext = {
    journey,
    seed: options.seed,
    startIndex: options.scenario.data.startIndex,
    transport,
    recorder,
    abort: stop.signal,
    onEnd: () => journeyDone(),
  };
  // Journeys in flight are counted by the recorder; the drain waits for that count to reach 0.
  let allDone: () => void = () => {};
  const drained = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  let arrivalsOver = false;
  const journeyDone = (): void => {
    if (arrivalsOver && recorder.inFlight === 0) allDone();
  };

  // performance.now() of the shared start instant (each thread has its own time origin).
  const t0 = shard.startEpochMs - performance.timeOrigin;
  const share = 1 / shard.count;
  let second = 0;
  let ticker: NodeJS.Timeout | undefined;
  const closeSecond = (): void => {
    const targetArrivals = profile.expectedArrivals(second, second + 1) * share;
    hooks.live?.setTargetRate(profile.rateAt(second + 1) * share);
    const row = recorder.closeInterval(second, targetArrivals);
    second++;
    hooks.onInterval?.(row, () => buildResult(second, true));
  };
  const tick = (): void => {
    closeSecond();
    ticker = setTimeout(tick, Math.max(0, t0 + (second + 1) * 1000 - performance.now()));
  };

  const buildResult = (elapsedSeconds: number, snapshot: boolean): RunResult =>
    shardResult(recorder, {
      options,
      profile,
      share,
      startEpochMs: shard.startEpochMs,
      elapsedSeconds,
      snapshot,
    });

  await sleep(Math.max(0, t0 - performance.now()));
  ticker = setTimeout(tick, Math.max(0, t0 + 1000 - performance.now()));
  const scheduler = startScheduler(
    () => {
      const arrival = schedule.next();
      return arrival === undefined ? undefined : { index: arrival.index, at: t0 + arrival.atSeconds * 1000 };
    },
    (arrival, now) => {
      if (recorder.inFlight >= cap) {
        recorder.arrivalDropped();
        return;
      }
      recorder.arrivalLaunched(now - arrival.at);
      startJourney(ctx, arrival.index, arrival.at);
    },
  );
  let abortedAt: number | undefined;
  hooks.abort?.addEventListener(
    'abort',
    () => {
      abortedAt = performance.now();
      scheduler.stop();
    },
    { once: true },
  );
  await scheduler.done;
  arrivalsOver = true;
  journeyDone();

  // Drain: journeys in flight may finish within the graceful stop; then the rest are cut.
  const graceOver = new AbortController();
  const expired = sleep(options.gracefulStopSeconds * 1000, false, { signal: graceOver.signal }).catch(
    () => true,
  );
  const inTime = await Promise.race([drained.then(() => true), expired]);
  graceOver.abort(); // no timer may outlive the run: it would hold the process open
  if (!inTime) {
    stop.abort();
    await transport.destroy();
    await drained;
  }
  clearTimeout(ticker);
  closeSecond(); // the partial last second
  await transport.close().catch(() => {});

  // The arrival window is the profile's, unless an abort cut it short.
  const windowSeconds =
    abortedAt === undefined
      ? options.durationSeconds
      : Math.min(options.durationSeconds, Math.max(0, (abortedAt - t0) / 1000));
  return buildResult(windowSeconds, false);
}
