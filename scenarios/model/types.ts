// One definition of a scenario serves three runners: the Node engine, the k6 bundle and the
// capacity simulator. Everything here is plain data and pure functions: no I/O, no Node APIs
// (the k6 bundle includes this folder), deterministic for a seed.

/** Target arrival rate over model time, as stages like k6's ramping-arrival-rate: the rate moves
 *  linearly from the previous stage's target (or `startRate`) to `target` over `durationSeconds`.
 *  A per-minute trace is a list of 60-second stages (a piecewise-linear curve through the minutes). */
export interface ArrivalProfile {
  name: string;
  description: string;
  /** Arrivals per second at model time 0. */
  startRate: number;
  stages: ProfileStage[];
}

export interface ProfileStage {
  durationSeconds: number;
  /** Arrivals per second (model time) at the end of the stage. */
  target: number;
}

/** `scale` multiplies the rate; `timeScale` compresses time (21 h in 21 min is 60).
 *  Wall-clock rate at wall time τ = scale × timeScale × modelRate(τ × timeScale). */
export interface ProfileKnobs {
  scale: number;
  timeScale: number;
  /** Run only this much wall-clock time from the start (seconds); undefined = the whole profile. */
  durationSeconds?: number | undefined;
}

/** A k6-style threshold on one metric, e.g. { metric: 'http_req_duration{step:account}', expr: 'p(95)<500' }. */
export interface ThresholdSpec {
  metric: string;
  expressions: string[];
  /** Stop the run as soon as this threshold fails (k6's abortOnFail). */
  abortOnFail?: boolean;
}

/** What a journey step asks the runner to send. Bodies are JSON text. */
export interface StepRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string; // starts with '/', relative to the target URL
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface StepResponse {
  status: number; // 0 = network error or timeout
  headers: Record<string, string | undefined>;
  body: string;
}

/** The runner's verdict on a response, decided by the journey (pure). */
export type StepOutcome =
  | { kind: 'next' } // go on to the next step after its think time
  | { kind: 'retry'; afterSeconds: number; errorCode: string } // a person tries again
  | { kind: 'abandon'; errorCode: string } // gives up: the journey ends as abandoned
  | { kind: 'done' }; // the journey ends here as completed (e.g. the applicant would not go on)

export interface Scenario {
  name: string;
  description: string;
  profile: ArrivalProfile;
  journey: string; // a journey name from the journey registry (scenarios/model/journeys.ts)
  thresholds: ThresholdSpec[];
  /** Applicant data: the generator seed and the first index. */
  data: { seed: number; startIndex: number };
}
