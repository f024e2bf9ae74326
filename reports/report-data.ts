// ReportData (`report.json`): everything the report says, as data. report.html and report.md are views of
// it; a CI job or a dashboard can read it instead of scraping either. Versioned like run.json: bump
// REPORT_VERSION on any change a reader of an older file would misread. The JSON Schema beside this file
// (report.schema.json) describes the same shape; report-data.test.ts keeps them in step.

import type { JourneyEnds } from '../scenarios/engine/run-result.js';

export const REPORT_KIND = 'gelombang.report';
export const REPORT_VERSION = 1;

/** "To open wave N at X sign-ups/min with p95 < Y ms: K instances, C registry calls in flight, M DB
 *  connections" — the planner's answer, from `gelombang plan` (or the plan step of `gelombang demo`). */
export interface Sizing {
  /** The wave this sizing is for; null when the plan was for a scenario, not a numbered wave. */
  wave: number | null;
  /** The peak arrival rate planned for, sign-ups per minute. */
  arrivalsPerMinute: number;
  /** The latency objective met, ms (p95 of the step named in `sloStep`, or of all steps when null). */
  sloP95Ms: number;
  sloStep: string | null;
  /** Service instances (each with the model's cores). */
  instances: number;
  /** Population-registry (Dukcapil) calls allowed in flight at once. */
  registryConcurrency: number;
  /** Database connections per instance (a PostgreSQL pool's size; 1 writer for SQLite). */
  dbConnections: number;
  /** The model's database: on 'sqlite' the connections are not a sizing (one writer for all instances). */
  database: 'sqlite' | 'postgres';
  /** The capacity model the sizing came from (its name or file). */
  model: string;
}

export interface Headline {
  /** What was tested, in a sentence: scenario, target, how long, how many arrivals. */
  tested: string;
  /** True when every threshold of the run held (and the plan, if any, met its SLO). */
  passed: boolean;
  /** The verdict in words: "passed: 6 of 6 thresholds held". */
  verdict: string;
  /** The resource or step that limits throughput first, in words; null when nothing says. */
  bottleneck: string | null;
  sizing: Sizing | null;
  /** The sizing as the sentence above; null without a plan. */
  sizingSentence: string | null;
}

export interface StepRow {
  step: string;
  requests: number;
  failed: number;
  /** failed / requests (0–1). */
  failedRate: number;
  /** Latency from the intended send, ms. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Latency from the actual send (the server's share), ms. */
  p95FromSendMs: number;
  /** The most frequent failure codes (at most 3). */
  topErrors: { status: number; code: string | null; count: number }[];
}

export interface FunnelRow {
  step: string;
  /** Journeys that got to this step (the first step: every journey launched). */
  reached: number;
  /** Journeys that completed it. */
  completed: number;
  /** reached − completed, and its share of reached (0–1). */
  dropOff: number;
  dropOffRate: number;
  /** A recovery step (RECOVERY_STEPS: recover-sign-in, await-nik) that no applicant needed: no requests,
   *  so reached, completed and drop-off are 0 and the table says "not needed" rather than a count. */
  notNeeded: boolean;
}

export interface ThresholdRow {
  metric: string;
  expression: string;
  ok: boolean;
  /** The measured value, as printed (e.g. "126ms", "1.82%"); "no samples" when none. */
  actual: string;
}

export interface RunSection {
  scenario: string;
  target: string;
  startedAt: string;
  /** Wall seconds of the arrival window. */
  durationSeconds: number;
  scale: number;
  timeScale: number;
  seed: number;
  arrivals: { target: number; launched: number; dropped: number; targetRate: number; achievedRate: number };
  journeys: JourneyEnds;
  steps: StepRow[];
  funnel: FunnelRow[];
  thresholds: ThresholdRow[];
  /** One entry per second of the run: arrivals asked and launched, p95 from the intended send (ms), errors. */
  series: { t: number[]; targetArrivals: number[]; arrivals: number[]; p95Ms: number[]; errors: number[] };
}

/** Throughput against concurrency for one endpoint (closed-model probe), with its fitted USL curve. */
export interface ProbeSeries {
  step: string;
  points: { concurrency: number; throughput: number; p95Ms: number; errors: number }[];
  /** Gunther's Universal Scalability Law X(N) = λN / (1 + σ(N−1) + κN(N−1)); null when not fitted. */
  usl: {
    sigma: number;
    kappa: number;
    lambda: number;
    peakConcurrency: number | null;
    rSquared: number;
  } | null;
}

/** The simulated day: per minute, queue depth and utilisation (0–1) of each station. */
export interface SimulationSection {
  model: string;
  scenario: string;
  scale: number;
  /** Service instances the simulation ran with (one event loop each), or null when sim.json lacks the CPU
   *  station. The bottleneck sentence names it: the simulated peak is of that deployment, not the sizing. */
  instances: number | null;
  replications: number;
  minutes: number[];
  stations: { name: string; queueDepth: number[]; utilisation: number[]; peakUtilisation: number }[];
  /** Per-step p95 the simulation predicts (ms). */
  steps: { step: string; p95Ms: number }[];
}

export interface PlanCandidate {
  instances: number;
  registryConcurrency: number;
  dbConnections: number;
  /** The predicted p95 of the SLO's step, ms. */
  p95Ms: number;
  meetsSlo: boolean;
}

export interface PlanSection {
  model: string;
  /** The SLO as given, e.g. "http_req_duration{step:profile}=p(95)<2000". */
  slo: string;
  candidates: PlanCandidate[];
  /** The smallest sizing meeting every SLO; null when even the largest candidate does not. */
  chosen: Sizing | null;
  /** The planner's answer in one sentence (or why there is none). */
  summary: string;
  /** The wave planner's table, when it ran: each wave's expected peak and sizing (null: not sized). */
  waves: {
    wave: number;
    /** ISO date the wave's registration week starts. */
    opensOn: string;
    /** New registrations during the wave's week. */
    registrations: number;
    peakPerMinute: number;
    instances: number | null;
    registryConcurrency: number | null;
    dbConnections: number | null;
  }[];
}

export interface Comparison {
  /** e.g. "profile p95", "profile throughput". */
  quantity: string;
  unit: string;
  predicted: number;
  measured: number;
  /** (predicted − measured) / measured, as a share (0.1 = 10 % over). */
  error: number;
}

export interface ReportData {
  kind: typeof REPORT_KIND;
  version: typeof REPORT_VERSION;
  generatedAt: string;
  /** The files the report was made from (as given); null when not given. */
  inputs: {
    run: string;
    probe: string | null;
    model: string | null;
    sim: string | null;
    plan: string | null;
  };
  headline: Headline;
  run: RunSection;
  probe: ProbeSeries[] | null;
  simulation: SimulationSection | null;
  plan: PlanSection | null;
  predictedVsMeasured: Comparison[];
}
