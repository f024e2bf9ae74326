// The common end of `gelombang import k6`: per-step histograms and counts gathered from a k6 output file
// become a RunResult (scenarios/engine/run-result.ts), so k6 runs feed the same reports and capacity models
// as the engine's. Intervals are keyed by Unix second until every file is read, then counted from the
// earliest start of all of them, so instances' seconds line up when they merge.
import { hostname } from 'node:os';
import { type Histogram, newHistogram, recordMs, toBlock } from '../engine/hdr.js';
import { emptyIntervalTally, type IntervalTally, intervalRow } from '../engine/interval-tally.js';
import { boundOutcomes } from '../engine/outcome-table.js';
import {
  RUN_RESULT_KIND,
  RUN_RESULT_VERSION,
  type IntervalRow,
  type OutcomeCount,
  type RunResult,
} from '../engine/run-result.js';
import { getScenario } from '../model/scenarios.js';
import type { Scenario } from '../model/types.js';

export interface StepTally {
  duration: Histogram;
  requests: number;
  failed: number;
  outcomes: OutcomeCount[];
}

export interface SecondTally extends IntervalTally {
  vus: number;
}

/** What one k6 file told us, before it becomes a RunResult. */
export class K6Tally {
  readonly steps = new Map<string, StepTally>();
  readonly seconds = new Map<number, SecondTally>();
  readonly iterationDuration = newHistogram();
  scenario: string | undefined;
  target: string | undefined;
  firstMs = Number.POSITIVE_INFINITY;
  lastMs = Number.NEGATIVE_INFINITY;
  iterations = 0;
  dropped = 0;
  journeys = { completed: 0, abandoned: 0, droppedOut: 0, interrupted: 0, errored: 0 };
  journeyEnds = 0;
  byLastStep: Record<string, number> = {};

  constructor(
    readonly file: string,
    readonly format: 'json' | 'summary-export',
  ) {}

  step(name: string): StepTally {
    let tally = this.steps.get(name);
    if (tally === undefined) {
      tally = { duration: newHistogram(), requests: 0, failed: 0, outcomes: [] };
      this.steps.set(name, tally);
    }
    return tally;
  }

  second(epochMs: number): SecondTally {
    this.firstMs = Math.min(this.firstMs, epochMs);
    this.lastMs = Math.max(this.lastMs, epochMs);
    const key = Math.floor(epochMs / 1000);
    let tally = this.seconds.get(key);
    if (tally === undefined) {
      tally = { ...emptyIntervalTally(), vus: 0 };
      this.seconds.set(key, tally);
    }
    return tally;
  }
}

/** k6 tags a request's group as "::name" (nested "::outer::inner"); the bundles also tag `step`. */
export function stepOfTags(tags: Readonly<Record<string, string>> | null | undefined): string {
  if (tags?.step !== undefined && tags.step !== '') return tags.step;
  const group = tags?.group;
  if (group !== undefined && group !== '') return group.split('::').filter(Boolean).at(-1) ?? 'default';
  return 'default';
}

function knownScenario(name: string | undefined): Scenario | undefined {
  if (name === undefined) return undefined;
  try {
    return getScenario(name);
  } catch {
    return undefined;
  }
}

/** The RunResult of one file. `startSecond`: the Unix second all files' intervals count from. */
export function tallyToResult(tally: K6Tally, startSecond: number): RunResult {
  const scenario = knownScenario(tally.scenario);
  const durationSeconds = Number.isFinite(tally.firstMs)
    ? Math.max(0, (tally.lastMs - tally.firstMs) / 1000)
    : 0;
  const launched = tally.iterations;
  const attempted = launched + tally.dropped;
  const journeys =
    tally.journeyEnds > 0
      ? { ...tally.journeys, byLastStep: tally.byLastStep }
      : // A script without gelombang's journey metrics: k6's finished iterations are all we know.
        { completed: launched, abandoned: 0, droppedOut: 0, interrupted: 0, errored: 0, byLastStep: {} };
  const intervals: IntervalRow[] = [...tally.seconds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, s]) => intervalRow(second - startSecond, s.arrivals + s.dropped, s.vus, s));
  return {
    kind: RUN_RESULT_KIND,
    version: RUN_RESULT_VERSION,
    scenario: {
      name: tally.scenario ?? 'k6',
      journey: scenario?.journey ?? 'k6',
      profile: scenario?.profile.name ?? 'k6',
    },
    startedAt: new Date(Number.isFinite(tally.firstMs) ? tally.firstMs : 0).toISOString(),
    endedAt: new Date(Number.isFinite(tally.lastMs) ? tally.lastMs : 0).toISOString(),
    durationSeconds,
    arrivals: {
      target: attempted,
      scheduled: attempted,
      launched,
      dropped: tally.dropped,
      targetRate: durationSeconds > 0 ? attempted / durationSeconds : 0,
      achievedRate: durationSeconds > 0 ? launched / durationSeconds : 0,
    },
    journeys,
    steps: [...tally.steps.entries()].map(([step, s]) => {
      // k6 measures from the actual send only: both blocks hold k6's http_req_duration.
      const block = toBlock(s.duration);
      return {
        step,
        requests: s.requests,
        failed: s.failed,
        fromIntended: block,
        fromSend: block,
        outcomes: boundOutcomes(s.outcomes),
      };
    }),
    schedulerLag: toBlock(newHistogram()),
    iterationDuration: toBlock(tally.iterationDuration),
    intervals,
    thresholds: [],
    stopped: null,
    breakpoint: null,
    environment: {
      engine: 'k6',
      engineVersion: 'unknown',
      node: process.version,
      platform: 'unknown',
      arch: 'unknown',
      cpus: 1,
      cpuModel: 'unknown',
      host: hostname(),
      seed: scenario?.data.seed ?? 0,
      options: {
        target: tally.target ?? 'unknown',
        scale: 1,
        timeScale: 1,
        thinkScale: 1,
        durationSeconds,
        workers: 1,
        maxInFlight: 1,
        connections: 1,
        timeoutMs: 0,
        gracefulStopSeconds: 0,
        arrivalProcess: 'poisson',
      },
    },
    source: {
      runner: 'k6',
      format: tally.format,
      files: [tally.file],
      approximate: tally.format === 'summary-export',
    },
  };
}

export { recordMs };
