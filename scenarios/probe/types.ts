// ProbeResult (`probe.json`): the versioned record of one `gelombang probe` sweep — one funnel step driven at
// fixed concurrencies (a closed model), one row per level, and the service's own CPU and request counters
// around each level, so the service demand law gives CPU seconds per request without guessing.
// Read by `gelombang calibrate` (per-step demand, the USL curve) and by the reports. The JSON Schema beside
// this file (probe-result.schema.json) describes the same shape; a test keeps them in step. Bump
// PROBE_RESULT_VERSION on any change a reader of an older file would misread.
// Units: times in seconds unless the name says Ms; rates per second; CPU in seconds of CPU time.
import type { LatencySummary } from '../engine/hdr.js';
import type { MachineEnvironment } from '../engine/run-result.js';

export const PROBE_RESULT_KIND = 'gelombang.probe-result';
export const PROBE_RESULT_VERSION = 1;

export interface ProbeResult {
  kind: typeof PROBE_RESULT_KIND;
  version: typeof PROBE_RESULT_VERSION;
  startedAt: string;
  endedAt: string;
  /** origin + base path of the service probed (always loopback). */
  target: string;
  /** The funnel step probed (scenarios/model/funnel-steps.ts name: account, outbox, verify-email, profile…). */
  step: string;
  /** The request the step sends, and its route template as the service's metrics label it. */
  request: { method: string; route: string };
  /** Applicants seed, and the half-open range of applicant indices used [firstIndex, nextIndex): a second
   *  probe against the same service starts at nextIndex so no applicant signs up twice. */
  seed: number;
  firstIndex: number;
  nextIndex: number;
  /** True when the probe stopped before its last level (Ctrl-C, or the target stopped answering): `levels`
   *  holds those finished before, and nextIndex is past the applicants of the level cut short too. Absent in
   *  files written before it existed. */
  interrupted?: boolean;
  /** Asked duration of each level, seconds. */
  durationSeconds: number;
  /** Per-request timeout, seconds. */
  timeoutSeconds: number;
  /** Whether GET {target}/metrics answered with process_cpu_seconds_total and
   *  http_request_duration_seconds_count: when false every level's `service` is null. */
  serviceMetrics: boolean;
  /** Why the levels have no `service` sample, or null when they have: no usable /metrics, or a /metrics that
   *  counts only part of the target's answers (a balancer in front of several instances). Absent in files
   *  written before it existed. */
  serviceMetricsError?: string | null;
  /** Requests sent before the first level to warm the service up and size the first level (not counted). */
  warmUpRequests: number;
  levels: ProbeLevel[];
  /** Pooled over levels with service metrics: Σ ΔCPU seconds / Σ Δcompletions of the step's route, in CPU
   *  seconds per request; null without service metrics. */
  serviceDemandSeconds: number | null;
  /** The utilisation law with a background term fitted over the levels, U = U₀ + D·X: D is the CPU per request
   *  that scales with traffic (what a capacity model wants), U₀ the idle CPU the pooled figure above spreads
   *  over requests. null when the levels' throughputs do not spread 1.5× (the reason is in demandFitError),
   *  e.g. a step whose bottleneck is not CPU and whose throughput is flat from N = 1. */
  demandFit: ProbeDemandFit | null;
  demandFitError: string | null;
  /** The Universal Scalability Law fitted to (concurrency, throughput) of the levels; null with fewer than
   *  3 levels with throughput > 0 (the reason is in uslError). */
  usl: ProbeUsl | null;
  uslError: string | null;
  environment: ProbeEnvironment;
}

export interface ProbeLevel {
  /** N: connections each kept with one request in flight (closed model, no think time). */
  concurrency: number;
  /** Measured wall time of the level, seconds (shorter than asked when endedBy is 'applicants'). */
  durationSeconds: number;
  /** 'duration': ran the asked time; 'applicants': used up the applicants prepared for it first. */
  endedBy: 'duration' | 'applicants';
  /** Responses received, any status. */
  requests: number;
  /** 2xx responses, not counting replays. */
  ok: number;
  /** 2xx answers the service replayed from its idempotency store (header idempotent-replayed: the applicant
   *  already took this step on this service): they do not measure the step, and are left out of `ok`. */
  replayed: number;
  /** X: `ok` per second: what the USL fit uses. */
  throughput: number;
  /** All responses per second. */
  requestRate: number;
  /** From the request written to the response read, milliseconds (HDR, 3 significant digits). */
  latencyMs: LatencySummary;
  errors: ProbeErrors;
  /** Applicants prepared (prerequisite steps done) before the level, and how long that took (s). */
  prepared: number;
  preparationSeconds: number;
  /** The service's counters over the level; null when the target has no usable /metrics. */
  service: ProbeServiceSample | null;
}

export interface ProbeErrors {
  /** Non-2xx responses by HTTP status ("409": 3). */
  byStatus: Record<string, number>;
  /** Non-2xx responses by the body's GLB_ERR_ code (GLB_ERR_CLIENT_HTTP_<status> when it has none). */
  byCode: Record<string, number>;
  /** Requests that got no response in time (the per-request timeout). */
  timeouts: number;
  /** Connection errors (refused, reset). */
  connectionErrors: number;
}

export interface ProbeServiceSample {
  /** Δ process_cpu_seconds_total over the level: CPU seconds the service process used. */
  cpuSeconds: number;
  /** cpuSeconds / windowSeconds: cores kept busy on average (1 = one core). */
  cpuUtilisation: number;
  /** Wall time between the two /metrics scrapes the CPU and completions are counted over, seconds: the
   *  level plus the moments around it (up to 1 s more when the level used up its requests early, as
   *  autocannon stops on a 1 s tick). Absent in files written before it existed. */
  windowSeconds?: number;
  /** Δ http_request_duration_seconds_count of the step's route (all statuses): completions the service saw. */
  completions: number;
  /** Service demand law D = B/C: cpuSeconds / completions, CPU seconds per request; null with no completion. */
  serviceDemandSeconds: number | null;
  /** Δ http_request_duration_seconds_count per "METHOD route" over the level (every route that moved). */
  requestsByRoute: Record<string, number>;
}

export interface ProbeDemandFit {
  /** D, CPU seconds per request (the slope of cores busy against requests per second). */
  serviceDemandSeconds: number;
  /** U₀, CPU cores busy with no traffic (≥ 0). */
  backgroundUtilisation: number;
  rSquared: number;
}

export interface ProbeUsl {
  /** σ, contention (dimensionless). */
  sigma: number;
  /** κ, coherency (dimensionless). */
  kappa: number;
  /** λ, throughput of one client alone, per second. */
  lambda: number;
  /** N* = √((1 − σ)/κ); null when κ = 0 (no peak: throughput keeps rising). */
  peakConcurrency: number | null;
  /** X(N*), per second; null when κ = 0 and σ = 0 (linear). */
  peakThroughput: number | null;
  rSquared: number;
  /** Asymptotic standard errors; null with exactly 3 levels. */
  standardErrors: { sigma: number; kappa: number; lambda: number } | null;
}

export interface ProbeEnvironment extends MachineEnvironment {
  tool: string;
  toolVersion: string;
}
