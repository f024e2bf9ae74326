// The capacity contracts: what model.json, sim.json, plan.json and a wave plan hold, and the programmatic
// entry points (simulate, plan, planWaves, calibrate) that the CLI, the report and `gelombang demo` call.
// Plain data only (JSON in, JSON out). Changes here are additive: readers of version 1 keep working.
//
// Units: seconds for time (never ms) unless a field name says otherwise (`…Ms`), arrivals and requests per
// second for rates unless a name says `PerMinute`, bytes for sizes.
import type { ThresholdSpec } from '../scenarios/model/types.js';
import type { ThresholdVerdict } from '../scenarios/model/thresholds.js';
import type { RunResult } from '../scenarios/engine/run-result.js';

export const CAPACITY_MODEL_KIND = 'gelombang.capacity-model';
export const CAPACITY_MODEL_VERSION = 1;
export const SIM_RESULT_KIND = 'gelombang.sim-result';
export const SIM_RESULT_VERSION = 1;
export const PLAN_RESULT_KIND = 'gelombang.plan-result';
export const PLAN_RESULT_VERSION = 1;
export const WAVE_PLAN_KIND = 'gelombang.wave-plan';
export const WAVE_PLAN_VERSION = 1;

// ─── The capacity model (model.json) ────────────────────────────────────────────────────────────────────

/** Where a parameter's value comes from: shipped default, fitted by `gelombang calibrate`, or set by hand
 *  (an edit of model.json, or `--set` on the command line). */
export type ParameterSource = 'default' | 'measured' | 'edited';

/** One number of the model, with its unit, where it comes from and how sure we are of it. */
export interface Parameter {
  value: number;
  /** 's', 'count', 'per-second', 'bytes-per-second', 'bytes', 'ratio' … (for people reading model.json). */
  unit: string;
  source: ParameterSource;
  /** Standard error of `value`, in the same unit, when known (a measured value's spread; a default's guess). */
  uncertainty?: number | undefined;
  /** How the value was obtained (a measurement, a formula, a bench figure). */
  note?: string | undefined;
}

/** The shape of a service-time distribution around its mean. `exponential` is memoryless (M/M/c);
 *  `lognormal` takes sigma = standard deviation of ln(time); `constant` always takes the mean. */
export type ServiceDistribution =
  | { kind: 'exponential' }
  | { kind: 'constant' }
  | { kind: 'lognormal'; sigma: number };

/** A time window in model seconds since the start of the scenario (end exclusive). */
export interface Window {
  startSeconds: number;
  endSeconds: number;
}

/** Per funnel step (the journey's step names: visit, account, outbox, verify-email, profile, …): seconds of
 *  the station's time one request of that step takes. A step missing from the map takes 0 s there;
 *  `'*'` gives the value for every step not listed. */
export type StepDemands = Record<string, Parameter>;

export interface ServiceStation {
  /** Service instances (processes) behind the load balancer. */
  instances: Parameter;
  /** CPU cores each instance can use (one Node event loop uses one; the thread pool may use more). */
  coresPerInstance: Parameter;
  /** CPU demand per request on the event loop, seconds (service demand law D = busy time / completions). */
  cpuDemandSeconds: StepDemands;
  cpuDistribution: ServiceDistribution;
}

/** The password hash (scrypt) runs on libuv's thread pool: at most `size` hashes at once per instance,
 *  and no more than the instance's cores can run. */
export interface ThreadPoolStation {
  /** UV_THREADPOOL_SIZE (libuv's default is 4). */
  size: Parameter;
  /** CPU seconds per hash on one core. */
  hashSeconds: Parameter;
  /** Steps that hash a password (account). */
  steps: string[];
  distribution: ServiceDistribution;
}

export interface DatabaseStation {
  /** sqlite: one writer for all instances (one file); postgres: a pool of `connections` per instance. */
  kind: 'sqlite' | 'postgres';
  connections: Parameter;
  /** Seconds a request of each step holds the writer / a connection. */
  demandSeconds: StepDemands;
  distribution: ServiceDistribution;
}

/** The population registry (Dukcapil's NIK check) as target-service/registry/stub-*.ts models it, and the
 *  service's client for it (target-service/registry/client.ts: bulkhead, timeout, retries, Retry-After). */
export interface RegistryStation {
  /** Steps that call the registry in the request path (profile). */
  steps: string[];
  /** Calls the registry serves at once (stub `maxConcurrent`). */
  maxConcurrent: Parameter;
  /** Service time: lognormal with this arithmetic mean (s) and sigma (stub `latencyMeanMs`, `latencySigma`). */
  latencyMeanSeconds: Parameter;
  latencySigma: Parameter;
  /** Beyond capacity: answer 429 at once, or queue (FIFO) up to maxQueue and then 429 (stub `overload`). */
  overload: '429' | 'queue';
  maxQueue: Parameter;
  /** Calls accepted per second at most (a token bucket); 0 = no rate limit. */
  rateLimitPerSecond: Parameter;
  /** Share of served calls that fail with 500. */
  errorRate: Parameter;
  /** Windows answering 503 at once (model seconds since the scenario start). */
  outages: Window[];
  retryAfterSeconds: Parameter;
  client: {
    /** Calls in flight per service instance; beyond it the profile is stored pending at once (202). */
    maxInFlight: Parameter;
    /** Calls sent at once per instance: the operator's fixed quota (REGISTRY_CONCURRENCY); absent or 0 =
     *  adaptive (AIMD from 4 up to maxInFlight, target-service/registry/adaptive-limit.ts). Calls beyond it
     *  wait at the client (an applicant's at most timeoutSeconds, then 202 pending). */
    concurrency?: Parameter;
    /** The adaptive limit when the scenario starts (absent: 4, a freshly started service; a service that
     *  has been running reads it from gelombang_registry_concurrency_limit). */
    initialConcurrency?: Parameter;
    timeoutSeconds: Parameter;
    /** Retries after the first attempt (429, 5xx, timeout), then the profile is stored pending (202). */
    retries: Parameter;
    backoffBaseSeconds: Parameter;
    backoffCapSeconds: Parameter;
    retryAfterCapSeconds: Parameter;
    /** Consecutive failures (timeout, 5xx, 503; not a 429) that open an instance's circuit breaker
     *  (target-service/config.ts; absent: the service's default, 10). */
    breakerFailureThreshold?: Parameter;
    /** Seconds an open breaker fails calls at once before one probe goes through (absent: 5). */
    breakerResetSeconds?: Parameter;
  };
  /** The background verification of pending profiles (target-service/registry/verification-worker.ts). */
  verification: {
    /** First retry delay, doubled per attempt up to the cap. */
    retryBaseSeconds: Parameter;
    retryCapSeconds: Parameter;
  };
}

/** Upload links: bytes per request of each step through a shared bandwidth. */
export interface NetworkStation {
  uploadBandwidthBytesPerSecond: Parameter;
  uploadBytes: StepDemands;
}

/** A waiting room in front of the funnel: at most `maxActive` applicants inside; the rest wait in line
 *  (FIFO), up to `maxQueue`, beyond which they are turned away (429 with Retry-After). */
export interface WaitingRoom {
  enabled: boolean;
  maxActive: Parameter;
  maxQueue: Parameter;
  retryAfterSeconds: Parameter;
}

/** Load shedding: a request that would wait longer than `maxQueueSeconds` for the CPU is answered
 *  503 with Retry-After at once. */
export interface LoadShedding {
  enabled: boolean;
  maxQueueSeconds: Parameter;
  retryAfterSeconds: Parameter;
}

export interface CapacityModel {
  kind: typeof CAPACITY_MODEL_KIND;
  version: typeof CAPACITY_MODEL_VERSION;
  name: string;
  description: string;
  /** How the values were obtained, what is assumed. */
  notes: string[];
  service: ServiceStation;
  threadPool: ThreadPoolStation;
  database: DatabaseStation;
  registry: RegistryStation;
  network: NetworkStation;
  waitingRoom: WaitingRoom;
  loadShedding: LoadShedding;
}

/** Which model a result used: its name, where it was read from (null = the shipped default) and a hash of
 *  its content after --set overrides, so two results can be told apart. */
export interface ModelRef {
  name: string;
  path: string | null;
  sha256: string;
  /** The --set overrides applied, path → value (e.g. { 'registry.maxConcurrent': 200 }, { 'registry.overload': 'queue' }). */
  overrides: Record<string, number | string>;
  /** The registry's outage windows the model ran with (model.json's and --outage's), model seconds;
   *  absent when there are none. */
  registryOutages?: Window[];
}

// ─── Simulation result (sim.json) ───────────────────────────────────────────────────────────────────────

/** A figure over R replications: the mean, the 95 % confidence half-width (Student t, R − 1 degrees of
 *  freedom; 0 when R = 1), and the extremes. */
export interface Estimate {
  mean: number;
  ci95: number;
  min: number;
  max: number;
}

/** Fixed log-bucket latency histogram, mergeable by adding counts bucket by bucket. Bucket i covers
 *  [lowestMs · growth^i, lowestMs · growth^(i+1)); bucket 0 also takes everything below. */
export interface SimHistogram {
  lowestMs: number;
  growth: number;
  /** Counts per bucket (trailing zeros trimmed). */
  counts: number[];
  total: number;
  /** Sum of all latencies in ms (for the mean). */
  sumMs: number;
  maxMs: number;
}

export interface SimStepResult {
  step: string;
  /** Requests answered (attempts, retries included), per replication. */
  requests: Estimate;
  /** Requests answered per second over the simulated duration. */
  throughputPerSecond: Estimate;
  /** Requests that failed (shed, turned away, timed out) and were retried or led to abandonment. */
  failed: Estimate;
  latencyMs: { mean: Estimate; p50: Estimate; p90: Estimate; p95: Estimate; p99: Estimate; max: Estimate };
  /** All replications' latencies merged. */
  histogram: SimHistogram;
}

export type StationName = 'cpu' | 'thread-pool' | 'database' | 'registry' | 'network' | 'waiting-room';

export interface SimStationResult {
  station: StationName;
  /** Servers at this station (cores, threads, connections, registry slots) over all instances. */
  servers: number;
  /** Busy server time / (servers × duration). */
  utilisation: Estimate;
  /** Jobs completed per second. */
  throughputPerSecond: Estimate;
  /** Mean wait in queue and mean time in the station (wait + service), seconds. */
  meanWaitSeconds: Estimate;
  meanResponseSeconds: Estimate;
  /** Time-averaged jobs waiting, and in the station (waiting + in service). */
  meanQueueLength: Estimate;
  meanInSystem: Estimate;
  /** Little's law check: |L − λW| / L over the run (small when the run is long against the waits). */
  littleRelativeError: number;
}

/** One simulated minute, means over the replications (columnar: one array entry per minute). */
export interface SimMinutes {
  /** Minute index since the start (wall time of the simulated run). */
  minute: number[];
  arrivals: number[];
  completed: number[];
  abandoned: number[];
  droppedOut: number[];
  /** Profiles stored pending, waiting for the background NIK check, at the end of the minute. */
  pendingVerifications: number[];
  /** Per station: queue length at the end of the minute, mean wait (s) of jobs that started service in the
   *  minute, and utilisation over the minute. */
  stations: Record<string, { queueLength: number[]; meanWaitSeconds: number[]; utilisation: number[] }>;
}

export interface SimResult {
  kind: typeof SIM_RESULT_KIND;
  version: typeof SIM_RESULT_VERSION;
  model: ModelRef;
  scenario: { name: string; journey: string; profile: string };
  knobs: { scale: number; timeScale: number; thinkScale: number; durationSeconds: number };
  seed: number;
  replications: number;
  arrivals: Estimate;
  journeys: {
    completed: Estimate;
    abandoned: Estimate;
    droppedOut: Estimate;
    /** Still in the funnel when the simulation ended (arrivals stop at the profile's end; journeys drain). */
    unfinished: Estimate;
    /** Turned away by the waiting room. */
    turnedAway: Estimate;
  };
  /** Profiles still pending a NIK check at the end. */
  pendingVerifications: Estimate;
  /** Registry calls an open circuit breaker failed at once (no call made; the profile went pending). */
  circuitOpenRejections: Estimate;
  /** Discrete events processed, per replication. */
  events: Estimate;
  steps: SimStepResult[];
  stations: SimStationResult[];
  minutes: SimMinutes;
  /** The scenario's thresholds (or the SLOs given) judged on the simulated metrics, all replications merged. */
  thresholds: ThresholdVerdict[];
}

// ─── Sizing (plan.json) ─────────────────────────────────────────────────────────────────────────────────

/** What the planner sizes: a model path (also accepted by --set). */
export type PlanDimension = 'service.instances' | 'registry.maxConcurrent' | 'database.connections';

export interface PlanCandidate {
  /** Order in which the candidate was simulated (0-based). */
  order: number;
  dimension: PlanDimension;
  /** All sized values of this candidate. */
  values: Record<PlanDimension, number>;
  /** Each SLO judged on the candidate's simulation, all replications merged; `ok` when all hold. */
  verdicts: ThresholdVerdict[];
  ok: boolean;
}

export interface PlanResult {
  kind: typeof PLAN_RESULT_KIND;
  version: typeof PLAN_RESULT_VERSION;
  model: ModelRef;
  scenario: { name: string; journey: string; profile: string };
  knobs: { scale: number; timeScale: number; thinkScale: number; durationSeconds: number };
  seed: number;
  replications: number;
  slos: ThresholdSpec[];
  dimensions: PlanDimension[];
  /** Dimensions left out of the search and why (database.connections on SQLite: one writer whatever the
   *  pool). Absent in plan.json files written before it existed. */
  notSearched?: { dimension: PlanDimension; reason: string }[];
  /** The model's database: 'sqlite' (one writer for all instances, nothing to size) or 'postgres' (a pool
   *  of database.connections per instance). Absent in plan.json files written before it existed. */
  database?: 'sqlite' | 'postgres';
  /** Every candidate simulated, in order. */
  candidates: PlanCandidate[];
  /** The smallest values meeting every SLO, or null when even the upper bounds do not. */
  recommendation: Record<PlanDimension, number> | null;
  /** One sentence for people: the answer, or why there is none. */
  summary: string;
  /** The simulation of the recommendation (or of the upper bounds when infeasible). */
  simulation: SimResult;
}

// ─── Wave planning ──────────────────────────────────────────────────────────────────────────────────────

export interface WaveRules {
  /** Places per weekly wave (launch-facts.md: about 160,000–164,000). */
  weeklyQuota: number;
  /** Registrations on the first day (1,432,133) and cumulative by the end date (15.9 M by 4 Sep 2020). */
  firstDayRegistrations: number;
  cumulativeRegistrations: number;
  /** ISO dates: the opening (2020-04-11) and the date of the cumulative figure (2020-09-04). */
  openDate: string;
  cumulativeDate: string;
  /** Registrations that do not get a place wait for the next wave (overflow), without registering again. */
  overflow: boolean;
}

export interface WaveRow {
  /** 1-based wave number. */
  wave: number;
  /** ISO date the wave's registration week starts. */
  opensOn: string;
  /** New registrations during this wave's week. */
  registrations: number;
  cumulativeRegistrations: number;
  /** Waiting from earlier waves at the start of this one. */
  backlogIn: number;
  accepted: number;
  /** Carried to the next wave. */
  overflowOut: number;
  /** Expected busiest minute of the week, registrations per minute and per second, and the scale of the
   *  launch-day profile that reproduces it (wave peak / launch-day peak). */
  expectedPeakPerMinute: number;
  expectedPeakPerSecond: number;
  profileScale: number;
  /** The smallest sizing for the wave's peak (from plan()), or null when not sized (no SLOs given). */
  sizing: Record<PlanDimension, number> | null;
  sizingOk: boolean | null;
}

export interface WavePlan {
  kind: typeof WAVE_PLAN_KIND;
  version: typeof WAVE_PLAN_VERSION;
  model: ModelRef;
  rules: WaveRules;
  slos: ThresholdSpec[];
  waves: WaveRow[];
}

// ─── Entry points ───────────────────────────────────────────────────────────────────────────────────────

export interface SimProgress {
  /** What is running: 'replication 3/5', 'candidate registry.maxConcurrent=64'. */
  label: string;
  /** 0 … 1 over the whole call. */
  fraction: number;
}

export interface SimulateOptions {
  /** Rate multiplier and time compression, as the engine's --scale / --time-scale. Default 1 and 1. */
  scale?: number | undefined;
  timeScale?: number | undefined;
  /** Multiplies think times and retry delays; default 1 / timeScale (as the engine). */
  thinkScale?: number | undefined;
  /** Wall-clock seconds of arrivals; default the whole profile. */
  durationSeconds?: number | undefined;
  /** Independent replications (R ≥ 1); default 1. */
  replications?: number | undefined;
  /** Default the scenario's data seed. Replication r uses seed + r. */
  seed?: number | undefined;
  /** Model edits, path → value (`instances`, `registry.maxConcurrent`, …; see capacity/model/overrides.ts). */
  overrides?: Record<string, number | string> | undefined;
  /** Thresholds to judge instead of the scenario's. */
  thresholds?: ThresholdSpec[] | undefined;
  /** Where the model was read from, for ModelRef (null = the shipped default). */
  modelPath?: string | null | undefined;
  onProgress?: ((progress: SimProgress) => void) | undefined;
}

export interface PlanOptions extends SimulateOptions {
  slos: ThresholdSpec[];
  /** What to size, searched one after another by bisection; default all three. */
  dimensions?: PlanDimension[] | undefined;
  /** Upper bounds of the search per dimension (defaults: 256 instances, 4096 registry slots, 1024 conns). */
  upperBounds?: Partial<Record<PlanDimension, number>> | undefined;
}

export interface WavePlanOptions {
  rules?: Partial<WaveRules> | undefined;
  /** Number of weekly waves to plan; default until the cumulative registrations are reached. */
  waves?: number | undefined;
  /** When given, each wave is sized with plan() on the launch-day profile scaled to the wave's peak. */
  slos?: ThresholdSpec[] | undefined;
  replications?: number | undefined;
  seed?: number | undefined;
  /** Seconds of the launch-day profile each wave is sized on (default the first 3 hours: the peak and
   *  the evening after it). */
  durationSeconds?: number | undefined;
  /** Model edits, as for simulate(). */
  overrides?: Record<string, number | string> | undefined;
  modelPath?: string | null | undefined;
  onProgress?: ((progress: SimProgress) => void) | undefined;
}

export interface CalibrateInput {
  /** An engine run (run.json) against the service to be modelled. */
  run: RunResult;
  /** A probe (probe.json, scenarios/probe/types.ts), with the service's /metrics deltas when scraped. */
  probe?: unknown;
  /** The model to start from; default the shipped reference model. */
  base?: CapacityModel | undefined;
  /** Where run.json / probe.json came from, for the parameters' notes. */
  runPath?: string | undefined;
  probePath?: string | undefined;
}

/** The programmatic API (capacity/index.ts implements it). All are synchronous and deterministic for a seed;
 *  they throw CapacityError (code GLB_ERR_CAPACITY_…) on invalid input, with a message that says what to do. */
export interface CapacityApi {
  /** Runs the scenario (a name from scenarios/model/scenarios.ts, or a Scenario) through the model. */
  simulate(
    scenario: string | import('../scenarios/model/types.js').Scenario,
    model: CapacityModel,
    options?: SimulateOptions,
  ): SimResult;
  /** The smallest instances / registry capacity / DB connections meeting every SLO (bisection). */
  plan(
    scenario: string | import('../scenarios/model/types.js').Scenario,
    model: CapacityModel,
    options: PlanOptions,
  ): PlanResult;
  /** The 2020 wave rules (weekly quota, overflow, growth to 15.9 M): each wave's peak, sized when SLOs given. */
  planWaves(model: CapacityModel, options?: WavePlanOptions): WavePlan;
  /** Fits demands and the registry's parameters from measurements; returns a new model (source 'measured'). */
  calibrate(input: CalibrateInput): CapacityModel;
  /** The shipped reference model (capacity/models/reference-service.json), validated. */
  defaultModel(): CapacityModel;
  /** Reads and validates a model.json; throws CapacityError naming the first bad field. */
  loadModel(path: string): CapacityModel;
}
