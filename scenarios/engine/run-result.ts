// RunResult (`run.json`): the versioned record of one run (ARCHITECTURE.md "Contracts"). Written by the
// engine, and by `gelombang import k6`; shards (workers, machines) merge into one with mergeResults().
// The JSON Schema beside this file (run-result.schema.json) describes the same shape; a test keeps them
// in step. Bump RUN_RESULT_VERSION on any change a reader of an older file would misread.
import type { BreakpointReport } from '../model/profiles/breakpoint.js';
import type { ThresholdVerdict } from '../model/thresholds.js';
import type { HistogramBlock } from './hdr.js';

export const RUN_RESULT_KIND = 'gelombang.run-result';
export const RUN_RESULT_VERSION = 1;

/** What the journey made of a response (scenarios/model/types.ts StepOutcome kinds). */
export type OutcomeKind = 'next' | 'done' | 'retry' | 'abandon';

/** Responses of one step with the same outcome, status and error code. */
export interface OutcomeCount {
  outcome: OutcomeKind;
  /** HTTP status; 0 = no response (network error or timeout). */
  status: number;
  /** The journey's error code (GLB_ERR_…), or the transport's (timeout, ECONNREFUSED…) when status is 0. */
  code: string | null;
  count: number;
}

export interface StepResult {
  step: string;
  requests: number;
  /** Answers outside the expected statuses (2xx, 3xx, 409, 422; model/responses.ts EXPECTED_STATUSES), as
   *  k6's http_req_failed with the bundle's expectedStatuses: network errors, timeouts, other 4xx, 5xx. */
  failed: number;
  /** Latency from when the request should have been sent (arrival time, or after think time): no
   *  coordinated omission. This is the latency a person waiting for the page saw. */
  fromIntended: HistogramBlock;
  /** Latency from when the request was written to the socket: what the server alone took. */
  fromSend: HistogramBlock;
  outcomes: OutcomeCount[];
}

/** One second of the run (by wall time since the start of arrivals). */
export interface IntervalRow {
  /** Seconds since the start; the row covers [t, t+1). */
  t: number;
  /** Arrivals the profile asked for in this second (the expected value; Poisson draws vary). */
  targetArrivals: number;
  /** Journeys launched in this second (the achieved arrival rate, per second). */
  arrivals: number;
  /** Arrivals dropped because maxInFlight journeys were running. */
  dropped: number;
  /** Journeys that ended completed in this second. */
  completed: number;
  /** Responses received in this second, and how many of them the journey judged failed. */
  requests: number;
  errors: number;
  /** p95 of latency from intended send over all steps' responses in this second (ms); 0 when none. */
  p95Ms: number;
  /** Journeys in flight at the end of the second (summed over workers). */
  inFlight: number;
  /** The second's latency-from-intended histogram over all steps (µs), so that p95 merges over shards. */
  hdr: string;
}

export type { BreakpointReport, ThresholdVerdict };

export interface RunOptionsRecord {
  target: string;
  scale: number;
  timeScale: number;
  thinkScale: number;
  durationSeconds: number;
  workers: number;
  maxInFlight: number;
  connections: number;
  timeoutMs: number;
  gracefulStopSeconds: number;
  arrivalProcess: string;
}

/** How the run's journeys ended, one count each (run.json, and the report's run section). */
export interface JourneyEnds {
  completed: number;
  abandoned: number;
  droppedOut: number;
  /** Still running when the graceful stop ran out. */
  interrupted: number;
  /** The journey code threw: a bug, counted so it is never silent. */
  errored: number;
}

/** The machine a measurement ran on; run.json and probe.json describe it alike (environment.ts machine()). */
export interface MachineEnvironment {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  host: string;
}

export interface RunEnvironment extends MachineEnvironment {
  engine: string;
  engineVersion: string;
  seed: number;
  options: RunOptionsRecord;
}

export interface RunResult {
  kind: typeof RUN_RESULT_KIND;
  version: typeof RUN_RESULT_VERSION;
  scenario: { name: string; journey: string; profile: string };
  startedAt: string; // ISO 8601
  endedAt: string;
  /** Wall-clock seconds of the arrival window (the drain after it is not included). */
  durationSeconds: number;
  arrivals: {
    /** Arrivals the profile asked for over the window (expected value). */
    target: number;
    /** Arrivals drawn by the arrival process (deterministic for the seed). */
    scheduled: number;
    launched: number;
    dropped: number;
    targetRate: number; // per second
    achievedRate: number; // launched per second
  };
  journeys: JourneyEnds & {
    /** Journeys by the last funnel step they completed ('' = none). */
    byLastStep: Record<string, number>;
  };
  steps: StepResult[];
  /** Actual launch − intended arrival time of each journey. */
  schedulerLag: HistogramBlock;
  /** Whole-journey duration from the intended arrival to its end. */
  iterationDuration: HistogramBlock;
  intervals: IntervalRow[];
  thresholds: ThresholdVerdict[];
  /** Set when arrivals stopped before the profile ended (stop(), Ctrl-C, or a threshold with abortOnFail). */
  stopped: { reason: string; atSeconds: number } | null;
  /** When thresholds were judged live (any has abortOnFail): the last target rate at which all held. */
  breakpoint: BreakpointReport | null;
  environment: RunEnvironment;
  /** Where the numbers came from when not this engine: `gelombang import k6` sets it. `approximate` is true
   *  when histograms were rebuilt from fixed percentiles (k6 --summary-export), not from every sample. */
  source?: RunSource | undefined;
}

export interface RunSource {
  runner: string;
  /** 'json' (k6 --out json: every sample) or 'summary-export'; 'json+summary-export' after a mixed merge. */
  format: string;
  files: string[];
  approximate: boolean;
}

/** True when any threshold failed: the run exits 99. */
export function thresholdsFailed(result: RunResult): boolean {
  return result.thresholds.some((verdict) => !verdict.ok);
}
