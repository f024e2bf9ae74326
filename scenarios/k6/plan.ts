// What a k6 bundle needs to know of its scenario, worked out once at build time (in Node) and embedded in the
// bundle as JSON: the arrival ramps (model time, scale 1), the thresholds under k6's metric names, and the
// journey's mean length for Little's law. The bundle scales them at k6's init time (SCALE, TIME_SCALE).
import { getJourney } from '../model/journeys.js';
import { cannedAnswer } from '../model/canned-answers.js';
import type { ArrivalProfile, Scenario } from '../model/types.js';
import { runScripted } from '../model/testing/scripted-runner.js';
import { arrivalRamps } from './ramps.js';

export interface K6Plan {
  scenario: string;
  description: string;
  journey: string;
  seed: number;
  startIndex: number;
  ramps: ArrivalProfile;
  /** k6 `options.thresholds`: metric (with tags) → expressions, or { threshold, abortOnFail }. */
  thresholds: Record<string, Array<string | { threshold: string; abortOnFail: boolean }>>;
  /** Per journey at think scale 1, over JOURNEY_SAMPLE applicants answered at once (canned answers). */
  meanThinkSeconds: number;
  meanRequests: number;
}

/** The model's journey metrics are custom metrics in k6, under the gelombang_ prefix; k6's built-in
 *  metrics (http_req_duration, http_req_failed, dropped_iterations, …) keep their names. */
export const K6_METRIC_NAMES: Readonly<Record<string, string>> = {
  journey_completed: 'gelombang_journey_completed',
  journey_abandoned: 'gelombang_journey_abandoned',
};

/** "journey_completed{step:x}" → "gelombang_journey_completed{step:x}"; built-in names unchanged. */
export function k6MetricName(metric: string): string {
  const brace = metric.indexOf('{');
  const name = brace < 0 ? metric : metric.slice(0, brace);
  const renamed = K6_METRIC_NAMES[name];
  return renamed === undefined ? metric : renamed + metric.slice(name.length);
}

const JOURNEY_SAMPLE = 400;

/** Mean think seconds and requests per journey, walking JOURNEY_SAMPLE applicants through canned answers. */
export function journeyLength(scenario: Scenario): { meanThinkSeconds: number; meanRequests: number } {
  const journey = getJourney(scenario.journey, { thinkScale: 1 });
  let think = 0;
  let requests = 0;
  for (let i = 0; i < JOURNEY_SAMPLE; i++) {
    const { sent } = runScripted(journey, scenario.data.seed, scenario.data.startIndex + i, (action) =>
      cannedAnswer(action.request),
    );
    requests += sent.length;
    for (const request of sent) think += request.waitedSeconds;
  }
  return { meanThinkSeconds: think / JOURNEY_SAMPLE, meanRequests: requests / JOURNEY_SAMPLE };
}

export function k6Plan(scenario: Scenario): K6Plan {
  const thresholds: K6Plan['thresholds'] = {};
  for (const spec of scenario.thresholds) {
    thresholds[k6MetricName(spec.metric)] = spec.expressions.map((expression) =>
      spec.abortOnFail === true ? { threshold: expression, abortOnFail: true } : expression,
    );
  }
  return {
    scenario: scenario.name,
    description: scenario.description,
    journey: scenario.journey,
    seed: scenario.data.seed,
    startIndex: scenario.data.startIndex,
    ramps: arrivalRamps(scenario.profile),
    thresholds,
    ...journeyLength(scenario),
  };
}
