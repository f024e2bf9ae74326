// The engine's answers to thresholds (scenarios/model/thresholds.ts MetricView), read from a RunResult so
// that a single run, a merge of worker shards and a live snapshot are judged by the same code.
//   http_req_duration   latency from the *intended* send (what a person saw; no coordinated omission)
//   http_req_waiting    latency from the actual send (what the server took once the request reached it)
//   http_req_failed     answers outside the expected statuses (model/responses.ts) / requests
//   http_reqs, iterations, dropped_iterations, iteration_duration, journey_completed, journey_abandoned
// The one tag is {step:NAME}; options.ts refuses thresholds on any other.
import { evaluateThresholds, type MetricView, type TrendView } from '../model/thresholds.js';
import type { ThresholdSpec } from '../model/types.js';
import { type Histogram, mergeEncoded, summarise } from './hdr.js';
import type { RunResult, StepResult } from './run-result.js';

function trendOf(histogram: Histogram): TrendView | undefined {
  if (histogram.totalCount === 0) return undefined;
  const s = summarise(histogram);
  return {
    percentile: (p) => histogram.getValueAtPercentile(p) / 1000,
    avg: s.mean,
    min: s.min,
    max: s.max,
    count: s.count,
  };
}

export function resultMetricView(result: RunResult): MetricView {
  const stepsFor = (tags: Readonly<Record<string, string>>): StepResult[] =>
    tags['step'] === undefined ? result.steps : result.steps.filter((s) => s.step === tags['step']);
  const cache = new Map<string, TrendView | undefined>();
  const cachedTrend = (key: string, build: () => TrendView | undefined) => {
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key);
  };
  const j = result.journeys;
  const ended = j.completed + j.abandoned + j.droppedOut + j.errored;
  return {
    elapsedSeconds: result.durationSeconds,
    trend(name, tags) {
      const step = tags['step'] ?? '*';
      if (name === 'http_req_duration') {
        return cachedTrend(`${name}|${step}`, () =>
          trendOf(mergeEncoded(stepsFor(tags).map((s) => s.fromIntended.hdr))),
        );
      }
      if (name === 'http_req_waiting') {
        return cachedTrend(`${name}|${step}`, () =>
          trendOf(mergeEncoded(stepsFor(tags).map((s) => s.fromSend.hdr))),
        );
      }
      if (name === 'iteration_duration' && tags['step'] === undefined) {
        return cachedTrend(name, () => trendOf(mergeEncoded([result.iterationDuration.hdr])));
      }
      return undefined;
    },
    rate(name, tags) {
      if (name === 'http_req_failed') {
        const steps = stepsFor(tags);
        return {
          passes: steps.reduce((n, s) => n + s.failed, 0),
          total: steps.reduce((n, s) => n + s.requests, 0),
        };
      }
      if (tags['step'] !== undefined) return undefined;
      if (name === 'journey_completed') return { passes: j.completed, total: ended };
      if (name === 'journey_abandoned') return { passes: j.abandoned, total: ended };
      return undefined;
    },
    counter(name, tags) {
      if (name === 'http_reqs') return stepsFor(tags).reduce((n, s) => n + s.requests, 0);
      if (tags['step'] !== undefined) return undefined;
      if (name === 'iterations') return ended;
      if (name === 'dropped_iterations') return result.arrivals.dropped;
      return undefined;
    },
  };
}

/** The result with its threshold verdicts (one per expression, in the order given). */
export function judgeRun(result: RunResult, thresholds: readonly ThresholdSpec[]): RunResult {
  return { ...result, thresholds: evaluateThresholds(thresholds, resultMetricView(result)) };
}
