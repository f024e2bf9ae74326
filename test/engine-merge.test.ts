// Worker shards merge exactly: HDR histograms of the shards' samples, merged, equal one histogram of all the
// samples (not an approximation such as averaging percentiles), and so do the counts, the outcomes and the
// per-second series. Then a real run split over two worker threads offers every arrival exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../generators/prng.js';
import { startRun } from '../scenarios/engine/engine.js';
import {
  decodeHistogram,
  encodeHistogram,
  mergeEncoded,
  newHistogram,
  recordMs,
} from '../scenarios/engine/hdr.js';
import { mergeResults } from '../scenarios/engine/merge.js';
import { compileRunProfile, validateRunOptions } from '../scenarios/engine/options.js';
import { Recorder, type RequestSample } from '../scenarios/engine/recorder.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { shardResult } from '../scenarios/engine/shard-result.js';
import { constantScenario, startPingServer, type TestServer } from './engine-fixtures.js';

const PERCENTILES = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

/** Latencies from tens of µs to tens of seconds: a lognormal around 20 ms with a heavy tail. */
function latencyMs(rng: Rng): number {
  return rng.lognormal(20, 2);
}

describe('HDR histograms merge exactly', () => {
  it('the merge of shard histograms equals one histogram of all samples', () => {
    const rng = new Rng(1);
    const whole = newHistogram();
    const shards = [newHistogram(), newHistogram(), newHistogram()];
    for (let i = 0; i < 50_000; i++) {
      const ms = latencyMs(rng);
      recordMs(whole, ms);
      recordMs(shards[i % 3]!, ms);
    }
    const merged = mergeEncoded(shards.map(encodeHistogram));
    expect(merged.totalCount).toBe(whole.totalCount);
    expect(merged.mean).toBe(whole.mean);
    for (const p of PERCENTILES) expect(merged.getValueAtPercentile(p)).toBe(whole.getValueAtPercentile(p));
    // The encodings round-trip: decoding what run.json stores gives the same distribution.
    const roundTrip = decodeHistogram(encodeHistogram(merged));
    for (const p of PERCENTILES)
      expect(roundTrip.getValueAtPercentile(p)).toBe(whole.getValueAtPercentile(p));
  });
});

describe('mergeResults', () => {
  const options = validateRunOptions({
    scenario: constantScenario(100, 4, { journey: 'smoke' }),
    target: 'http://127.0.0.1:1',
  });
  const profile = compileRunProfile(options);
  const steps = ['visit', 'account', 'outbox', 'verify-email', 'profile'];
  const WORKERS = 3;

  /** The same deterministic run, recorded by one recorder or split by arrival index over WORKERS. */
  function record(count: number, shardOf: (index: number) => number): Recorder[] {
    const recorders = Array.from({ length: count }, () => new Recorder(steps));
    const rng = new Rng(2);
    const random = () => rng.float();
    let index = 0;
    for (let second = 0; second < 4; second++) {
      for (let k = 0; k < 100; k++, index++) {
        const recorder = recorders[shardOf(index)]!;
        const lagMs = random() * 3;
        if (random() < 0.02) {
          recorder.arrivalDropped();
          continue;
        }
        recorder.arrivalLaunched(lagMs);
        let at = second * 1000 + k * 10;
        for (const step of steps.slice(0, 1 + Math.floor(random() * steps.length))) {
          const fails = random() < 0.05;
          const sample: RequestSample = {
            step,
            method: 'GET',
            intendedAt: at,
            sentAt: at + random() * 2,
            receivedAt: at + latencyMs(rng),
            outcome: fails ? (random() < 0.5 ? 'retry' : 'abandon') : 'next',
            status: fails ? 503 : 200,
            code: fails ? 'GLB_ERR_TEST' : null,
          };
          recorder.request(sample);
          at = sample.receivedAt;
        }
        recorder.journeyEnded(random() < 0.8 ? 'completed' : 'abandoned', 'visit', at - second * 1000);
      }
      for (const recorder of recorders) {
        recorder.closeInterval(second, profile.expectedArrivals(second, second + 1) / count);
      }
    }
    return recorders;
  }

  const resultOf = (recorder: Recorder, share: number): RunResult =>
    shardResult(recorder, {
      options,
      profile,
      share,
      startEpochMs: 0,
      elapsedSeconds: 4,
      snapshot: false,
    });

  const single = resultOf(record(1, () => 0)[0]!, 1);
  const merged = mergeResults(record(WORKERS, (i) => i % WORKERS).map((r) => resultOf(r, 1 / WORKERS)));

  it('adds the counts: arrivals, journeys, requests, failures and every outcome row', () => {
    const { target, targetRate, ...counts } = merged.arrivals;
    const { target: singleTarget, targetRate: singleRate, ...singleCounts } = single.arrivals;
    expect(counts).toEqual(singleCounts);
    expect(target).toBeCloseTo(singleTarget, 9);
    expect(targetRate).toBeCloseTo(singleRate, 9);
    expect(merged.journeys).toEqual(single.journeys);
    for (const [i, step] of single.steps.entries()) {
      const other = merged.steps[i]!;
      expect(other.step).toBe(step.step);
      expect(other.requests).toBe(step.requests);
      expect(other.failed).toBe(step.failed);
      expect(other.outcomes).toEqual(step.outcomes);
    }
  });

  it('gives each step, the scheduler lag and the journey duration the same histograms as one recorder', () => {
    const pairs = [
      ...single.steps.flatMap((step, i) => [
        [step.fromIntended, merged.steps[i]!.fromIntended],
        [step.fromSend, merged.steps[i]!.fromSend],
      ]),
      [single.schedulerLag, merged.schedulerLag],
      [single.iterationDuration, merged.iterationDuration],
    ] as const;
    for (const [one, many] of pairs) {
      const { hdr: oneHdr, ...oneSummary } = one;
      const { hdr: manyHdr, ...manySummary } = many;
      expect(manySummary).toEqual(oneSummary);
      const a = decodeHistogram(oneHdr);
      const b = decodeHistogram(manyHdr);
      for (const p of PERCENTILES) expect(b.getValueAtPercentile(p)).toBe(a.getValueAtPercentile(p));
    }
  });

  it('lines up the per-second series', () => {
    expect(merged.intervals.map(({ hdr, targetArrivals, ...rest }) => rest)).toEqual(
      single.intervals.map(({ hdr, targetArrivals, ...rest }) => rest),
    );
    for (const [i, row] of merged.intervals.entries()) {
      expect(row.targetArrivals).toBeCloseTo(single.intervals[i]!.targetArrivals, 9);
    }
  });
});

describe('a run split over two worker threads', () => {
  let server: TestServer;
  let result: RunResult;

  beforeAll(async () => {
    server = await startPingServer();
    const options = validateRunOptions({
      scenario: constantScenario(200, 3),
      target: server.url,
      arrivalProcess: 'uniform',
      workers: 2,
      gracefulStop: '5s',
    });
    result = await startRun(options).result;
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  it('offers every arrival once and merges the shards into one result', () => {
    expect(result.environment.options.workers).toBe(2);
    expect(result.arrivals.scheduled).toBe(600);
    expect(result.arrivals.launched + result.arrivals.dropped).toBe(600);
    expect(server.answered).toBe(result.arrivals.launched);
    expect(result.steps[0]!.requests).toBe(result.arrivals.launched);
    expect(result.steps[0]!.fromIntended.count).toBe(result.arrivals.launched);
    expect(result.intervals.reduce((n, row) => n + row.arrivals, 0)).toBe(result.arrivals.launched);
    expect(result.arrivals.target).toBeCloseTo(600, 6);
  });
});
