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

/** What a journey step asks the runner to send. Bodies are JSON text, or bytes (the multipart upload). */
export interface StepRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string; // starts with '/', relative to the target URL
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

export interface StepResponse {
  status: number; // 0 = network error or timeout
  headers: Record<string, string | undefined>;
  body: string;
  /** When the runner received the answer (Unix ms), for a Retry-After date on an answer without a Date
   *  header; optional, the model itself has no clock. */
  receivedAtMs?: number | undefined;
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

/** A journey is a small state machine, so that the Node engine (async undici), k6 (sync http) and the
 *  simulator (no HTTP) run the same funnel. The runner loops:
 *    let action = journey.next(state)                       // what to do now
 *    while (action.kind === 'request') {
 *      wait action.thinkSeconds; send action.request; read response
 *      const outcome = journey.onResponse(state, action, response)   // may retry / abandon
 *      if retry: wait outcome.afterSeconds and send again (the journey counts attempts against patience)
 *      action = journey.next(state)
 *    }
 *    action.kind === 'end' → action.result
 *  State is a plain object the journey owns; runners never look inside it. */
export interface JourneyAction {
  kind: 'request';
  step: string; // funnel step name, used as the metrics tag (visit, account, outbox, verify-email, profile, …)
  thinkSeconds: number;
  /** Read it when sending, after the think time: a journey may build it only then (an upload's body is
   *  megabytes a thinking journey should not hold), from the state as it is before the answer. */
  request: StepRequest;
}

export interface JourneyEnd {
  kind: 'end';
  result: 'completed' | 'abandoned' | 'dropped-out';
  /** The last funnel step the applicant completed. */
  lastStep: string | null;
}

export interface Journey<S = unknown> {
  name: string;
  description: string;
  /** The funnel steps this journey can issue, in order (for summaries and thresholds). */
  steps: readonly string[];
  /** false when applicants' traits do not decide what they do (the smoke journey: every step, the test
   *  answered right); absent or true otherwise. The simulator's responder reads it. */
  followsTraits?: boolean;
  start(seed: number, index: number): S;
  next(state: S): JourneyAction | JourneyEnd;
  onResponse(state: S, action: JourneyAction, response: StepResponse): StepOutcome;
}
