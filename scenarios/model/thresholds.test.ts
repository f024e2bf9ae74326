import { describe, expect, test } from 'vitest';
import { ScenarioError } from './errors.js';
import {
  compileThresholds,
  evaluateThresholds,
  type MetricView,
  parseMetricSelector,
  parseThreshold,
  shouldAbort,
  thresholdsPassed,
} from './thresholds.js';

describe('parseThreshold', () => {
  test.each([
    { text: 'p(95)<500', aggregation: 'p', percentile: 95, operator: '<', value: 500 },
    { text: ' p( 99.9 ) <= 1500 ', aggregation: 'p', percentile: 99.9, operator: '<=', value: 1500 },
    { text: 'avg<200', aggregation: 'avg', percentile: undefined, operator: '<', value: 200 },
    { text: 'min>=0', aggregation: 'min', percentile: undefined, operator: '>=', value: 0 },
    { text: 'max>1e3', aggregation: 'max', percentile: undefined, operator: '>', value: 1000 },
    { text: 'med<.5', aggregation: 'med', percentile: undefined, operator: '<', value: 0.5 },
    { text: 'rate<0.01', aggregation: 'rate', percentile: undefined, operator: '<', value: 0.01 },
    { text: 'count==0', aggregation: 'count', percentile: undefined, operator: '==', value: 0 },
    { text: 'count===0', aggregation: 'count', percentile: undefined, operator: '==', value: 0 },
    { text: 'count!=3', aggregation: 'count', percentile: undefined, operator: '!=', value: 3 },
    { text: 'p(90)<2s', aggregation: 'p', percentile: 90, operator: '<', value: 2000 },
    { text: 'p(90)<250ms', aggregation: 'p', percentile: 90, operator: '<', value: 250 },
  ])('$text', ({ text, aggregation, percentile, operator, value }) => {
    expect(parseThreshold(text)).toEqual({ source: text, aggregation, percentile, operator, value });
  });

  test.each([
    ['p95<2000', /did you mean p\(95\)<2000\?/],
    ['p99.9 <= 2s', /did you mean p\(99\.9\)<=2s\?/],
    ['rate<1%', /did you mean rate<0\.01\?/],
    ['p(95)<2000ms', null],
  ])('a near miss %j names the expression meant', (text, hint) => {
    if (hint === null) {
      expect(parseThreshold(text).value).toBe(2000);
      return;
    }
    expect(() => parseThreshold(text)).toThrow(hint);
  });

  test.each([
    ['p95<500', /not "<aggregation> <operator> <number>"/],
    ['p(95)', /not "<aggregation>/],
    ['p(95)<', /not "<aggregation>/],
    ['p(0)<5', /percentile must be in \(0, 100\]/],
    ['p(101)<5', /percentile must be in/],
    ['mean<5', /aggregations avg, min, max, med, p\(N\), rate, count/],
    ['avg=<5', /operators < <= > >= == !=/],
    ['rate<1%', /not "<aggregation>/],
    ['', /not "<aggregation>/],
  ])('rejects %j', (text, message) => {
    expect(() => parseThreshold(text)).toThrow(ScenarioError);
    expect(() => parseThreshold(text)).toThrow(message);
  });
});

describe('parseMetricSelector', () => {
  test.each([
    { text: 'http_req_duration', name: 'http_req_duration', tags: {} },
    { text: 'http_req_duration{step:account}', name: 'http_req_duration', tags: { step: 'account' } },
    {
      text: 'http_req_failed{ step: profile , method:PUT }',
      name: 'http_req_failed',
      tags: { step: 'profile', method: 'PUT' },
    },
  ])('$text', ({ text, name, tags }) => {
    expect(parseMetricSelector(text)).toEqual({ name, tags });
  });

  test.each([
    ['http_req_duration{step}', /tag "step" must be written key:value/],
    ['http_req_duration{step:a,step:b}', /given twice/],
    ['http req', /is not a metric name/],
    ['http_req_duration{step:a', /is not a metric name/],
  ])('rejects %j', (text, message) => {
    expect(() => parseMetricSelector(text)).toThrow(message);
  });
});

describe('compileThresholds', () => {
  test.each([
    [
      { metric: 'http_req_duration', expressions: ['rate<0.1'] },
      /http_req_duration is a trend; use avg, min, max, med, p\(N\)/,
    ],
    [{ metric: 'http_req_failed', expressions: ['p(95)<1'] }, /http_req_failed is a rate; use rate, count/],
    [{ metric: 'dropped_iterations', expressions: ['avg<1'] }, /is a counter; use count, rate/],
    [{ metric: 'http_req_failed', expressions: ['rate<1s'] }, /units apply to durations only/],
    [
      { metric: 'http_req_durations', expressions: ['p(95)<1'] },
      /unknown metric "http_req_durations"; known metrics: http_reqs/,
    ],
    [{ metric: 'iterations', expressions: [] }, /at least one expression/],
  ])('rejects %j', (spec, message) => {
    expect(() => compileThresholds([spec])).toThrow(message);
  });

  test('accepts metrics a runner declares', () => {
    const [t] = compileThresholds([{ metric: 'scheduler_lag', expressions: ['p(99)<5'] }], {
      scheduler_lag: 'trend',
    });
    expect(t!.kind).toBe('trend');
  });
});

/** A view over fixed samples: trends as sorted arrays (nearest-rank percentiles), by "name{k:v}" key. */
function fixedView(data: {
  trends?: Record<string, number[]>;
  rates?: Record<string, boolean[]>;
  counters?: Record<string, number>;
  elapsedSeconds?: number;
}): MetricView {
  const key = (name: string, tags: Readonly<Record<string, string>>) => {
    const t = Object.entries(tags).map(([k, v]) => `${k}:${v}`);
    return t.length === 0 ? name : `${name}{${t.join(',')}}`;
  };
  return {
    elapsedSeconds: data.elapsedSeconds ?? 10,
    trend(name, tags) {
      const xs = data.trends?.[key(name, tags)];
      if (xs === undefined) return undefined;
      const sorted = [...xs].sort((a, b) => a - b);
      return {
        count: sorted.length,
        min: sorted[0]!,
        max: sorted[sorted.length - 1]!,
        avg: sorted.reduce((s, x) => s + x, 0) / sorted.length,
        percentile: (p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!,
      };
    },
    rate(name, tags) {
      const xs = data.rates?.[key(name, tags)];
      return xs === undefined ? undefined : { passes: xs.filter(Boolean).length, total: xs.length };
    },
    counter(name, tags) {
      return data.counters?.[key(name, tags)];
    },
  };
}

describe('evaluateThresholds', () => {
  const durations = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 … 1000 ms
  const view = fixedView({
    trends: { http_req_duration: durations, 'http_req_duration{step:account}': [100, 200, 300, 4000] },
    rates: { http_req_failed: [true, false, false, false], journey_abandoned: [false, false] },
    counters: { iterations: 50, dropped_iterations: 3 },
    elapsedSeconds: 10,
  });

  test.each([
    { metric: 'http_req_duration', expression: 'p(95)<1000', ok: true, actual: 950 },
    { metric: 'http_req_duration', expression: 'p(95)<950', ok: false, actual: 950 },
    { metric: 'http_req_duration', expression: 'med<=500', ok: true, actual: 500 },
    { metric: 'http_req_duration', expression: 'avg<505', ok: false, actual: 505 },
    { metric: 'http_req_duration', expression: 'min>=10', ok: true, actual: 10 },
    { metric: 'http_req_duration', expression: 'max<1s', ok: false, actual: 1000 },
    { metric: 'http_req_duration{step:account}', expression: 'p(50)<250', ok: true, actual: 200 },
    { metric: 'http_req_duration{step:account}', expression: 'max<2000', ok: false, actual: 4000 },
    { metric: 'http_req_failed', expression: 'rate<0.25', ok: false, actual: 0.25 },
    { metric: 'http_req_failed', expression: 'count<=1', ok: true, actual: 1 },
    { metric: 'journey_abandoned', expression: 'rate==0', ok: true, actual: 0 },
    { metric: 'iterations', expression: 'count>=50', ok: true, actual: 50 },
    { metric: 'iterations', expression: 'rate>6', ok: false, actual: 5 }, // per second over 10 s
    { metric: 'dropped_iterations', expression: 'count==0', ok: false, actual: 3 },
    { metric: 'dropped_iterations{scenario:x}', expression: 'count==0', ok: true, actual: 0 }, // never counted
    { metric: 'http_req_duration{step:profile}', expression: 'p(95)<1', ok: true, actual: null }, // no samples
  ])('$metric $expression → ok $ok (actual $actual)', ({ metric, expression, ok, actual }) => {
    const [verdict] = evaluateThresholds([{ metric, expressions: [expression] }], view);
    expect(verdict).toEqual({ metric, expression, ok, actual, abortOnFail: false });
  });

  test('one verdict per expression; abortOnFail only when that threshold fails', () => {
    const compiled = compileThresholds([
      { metric: 'http_req_duration', expressions: ['p(95)<2000', 'p(99)<2000'] },
      { metric: 'dropped_iterations', expressions: ['count<1'], abortOnFail: true },
    ]);
    const verdicts = evaluateThresholds(compiled, view);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, false]);
    expect(thresholdsPassed(verdicts)).toBe(false);
    expect(shouldAbort(verdicts)).toBe(true);
    const calm = evaluateThresholds(compiled, fixedView({ trends: { http_req_duration: [5] } }));
    expect(thresholdsPassed(calm)).toBe(true);
    expect(shouldAbort(calm)).toBe(false);
  });
});
