// Thresholds in k6's syntax: `{ metric: 'http_req_duration{step:account}', expressions: ['p(95)<500'] }`.
// Parsed and checked before a run sends anything; evaluated against a MetricView the runner implements.
// Durations are in milliseconds, as in k6 (a trailing `ms` or `s` is accepted as a convenience).
import { SCENARIO_ERROR_CODES, ScenarioError } from './errors.js';
import type { ThresholdSpec } from './types.js';

/** k6's metric types that thresholds use. A rate is a share of non-zero samples; a counter a running sum. */
export type MetricKind = 'trend' | 'rate' | 'counter';

/** The metrics every runner reports (k6's built-in names, plus the journey outcome rates). */
export const METRIC_KINDS: Readonly<Record<string, MetricKind>> = {
  http_reqs: 'counter',
  http_req_duration: 'trend', // ms
  http_req_waiting: 'trend', // ms, time to first byte
  http_req_failed: 'rate', // share of requests that failed (status 0, ≥ 400 except expected ones)
  iterations: 'counter', // journeys finished
  iteration_duration: 'trend', // ms, a whole journey
  dropped_iterations: 'counter', // arrivals not started because the in-flight cap was hit
  journey_completed: 'rate', // share of finished journeys that completed
  journey_abandoned: 'rate', // share of finished journeys abandoned after errors
};

export type Aggregation = 'avg' | 'min' | 'max' | 'med' | 'p' | 'rate' | 'count';
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

const AGGREGATIONS_BY_KIND: Readonly<Record<MetricKind, readonly Aggregation[]>> = {
  trend: ['avg', 'min', 'max', 'med', 'p'],
  rate: ['rate', 'count'], // count: how many samples were non-zero (an extension of k6)
  counter: ['count', 'rate'], // rate: per second over the run, as in k6
};

export interface ParsedThreshold {
  /** The expression as written. */
  source: string;
  aggregation: Aggregation;
  /** For p(N): N in (0, 100]. */
  percentile?: number | undefined;
  operator: Operator;
  /** Milliseconds for trends. */
  value: number;
}

export interface MetricSelector {
  name: string;
  tags: Readonly<Record<string, string>>;
}

export interface CompiledThreshold {
  /** The metric as written, e.g. http_req_duration{step:account}. */
  metric: string;
  selector: MetricSelector;
  kind: MetricKind;
  expressions: ParsedThreshold[];
  abortOnFail: boolean;
}

export interface TrendView {
  /** Milliseconds. */
  percentile(p: number): number;
  avg: number;
  min: number;
  max: number;
  count: number;
}

/** What the runner answers for a metric with optional tag filters; undefined = no samples yet. */
export interface MetricView {
  /** Seconds the run has lasted: a counter's `rate` is count per second over it. */
  elapsedSeconds: number;
  trend(name: string, tags: Readonly<Record<string, string>>): TrendView | undefined;
  /** passes = non-zero samples, total = all samples. */
  rate(name: string, tags: Readonly<Record<string, string>>): { passes: number; total: number } | undefined;
  counter(name: string, tags: Readonly<Record<string, string>>): number | undefined;
}

export interface ThresholdVerdict {
  metric: string;
  expression: string;
  ok: boolean;
  /** The aggregated value (ms for trends); null when the metric has no samples (then ok is true, as in k6). */
  actual: number | null;
  abortOnFail: boolean;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const EXPRESSION = new RegExp(
  String.raw`^\s*(avg|min|max|med|rate|count|p\(\s*(${NUMBER})\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(${NUMBER})\s*(ms|s)?\s*$`,
);
const SELECTOR = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\{([^{}]*)\})?\s*$/;

function invalid(message: string): never {
  throw new ScenarioError(SCENARIO_ERROR_CODES.THRESHOLD_INVALID, message);
}

/** `http_req_duration{step:account,method:POST}` → { name, tags }. */
export function parseMetricSelector(text: string): MetricSelector {
  const m = SELECTOR.exec(text);
  if (m === null) {
    invalid(
      `metric "${text}" is not a metric name with optional {tag:value,…}, e.g. http_req_duration{step:account}`,
    );
  }
  const tags: Record<string, string> = {};
  const body = m[2]?.trim() ?? '';
  if (body !== '') {
    for (const pair of body.split(',')) {
      const colon = pair.indexOf(':');
      const key = colon < 0 ? '' : pair.slice(0, colon).trim();
      const value = colon < 0 ? '' : pair.slice(colon + 1).trim();
      if (key === '' || value === '')
        invalid(`metric "${text}": tag "${pair.trim()}" must be written key:value`);
      if (key in tags) invalid(`metric "${text}": tag "${key}" is given twice`);
      tags[key] = value;
    }
  }
  return { name: m[1]!, tags };
}

/** The expression a near miss most likely meant: `p95<2000` → `p(95)<2000`, `rate<1%` → `rate<0.01`. */
function meant(expression: string): string | null {
  const text = expression.replace(/\s+/g, '');
  const bare = /^p(\d+(?:\.\d+)?)((?:<=|>=|==|!=|<|>).*)$/.exec(text);
  const guess =
    bare !== null
      ? `p(${bare[1]})${bare[2]}`
      : text.replace(
          /^(.*?(?:<=|>=|==|!=|<|>))(\d+(?:\.\d+)?)%$/,
          (_, head: string, pct: string) => `${head}${Number(pct) / 100}`,
        );
  return guess !== text && EXPRESSION.test(guess) ? guess : null;
}

/** `p(95)<500` → { aggregation: 'p', percentile: 95, operator: '<', value: 500 }. */
export function parseThreshold(expression: string): ParsedThreshold {
  const m = EXPRESSION.exec(expression);
  if (m === null) {
    const guess = meant(expression);
    invalid(
      `threshold "${expression}" is not "<aggregation> <operator> <number>"` +
        (guess === null ? '' : ` (did you mean ${guess}?)`) +
        `: aggregations avg, min, max, med, p(N), rate, count; operators < <= > >= == !=; e.g. p(95)<500, ` +
        `rate<0.01, count==0`,
    );
  }
  const head = m[1]!;
  const aggregation = (head.startsWith('p(') ? 'p' : head) as Aggregation;
  const percentile = m[2] === undefined ? undefined : Number(m[2]);
  if (percentile !== undefined && !(percentile > 0 && percentile <= 100)) {
    invalid(`threshold "${expression}": the percentile must be in (0, 100], got ${percentile}`);
  }
  const operator = (m[3] === '===' ? '==' : m[3]) as Operator;
  const unit = m[5];
  const number = Number(m[4]);
  return {
    source: expression,
    aggregation,
    percentile,
    operator,
    value: unit === 's' ? number * 1000 : number,
  };
}

/** Parses and checks every threshold against the metric's kind; throws on the first problem. */
export function compileThresholds(
  specs: readonly ThresholdSpec[],
  extraMetrics: Readonly<Record<string, MetricKind>> = {},
): CompiledThreshold[] {
  return specs.map((spec) => {
    const selector = parseMetricSelector(spec.metric);
    const kind = extraMetrics[selector.name] ?? METRIC_KINDS[selector.name];
    if (kind === undefined) {
      const known = [...Object.keys(METRIC_KINDS), ...Object.keys(extraMetrics)].join(', ');
      invalid(`threshold on "${spec.metric}": unknown metric "${selector.name}"; known metrics: ${known}`);
    }
    if (spec.expressions.length === 0) invalid(`threshold on "${spec.metric}": give at least one expression`);
    const expressions = spec.expressions.map((source) => {
      const parsed = parseThreshold(source);
      const allowed = AGGREGATIONS_BY_KIND[kind];
      if (!allowed.includes(parsed.aggregation)) {
        const names = allowed.map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
        invalid(`threshold "${source}" on "${spec.metric}": ${selector.name} is a ${kind}; use ${names}`);
      }
      if (kind !== 'trend' && /(ms|s)\s*$/.test(source)) {
        invalid(
          `threshold "${source}" on "${spec.metric}": units apply to durations only; write a plain number`,
        );
      }
      return parsed;
    });
    return { metric: spec.metric, selector, kind, expressions, abortOnFail: spec.abortOnFail ?? false };
  });
}

function aggregate(t: CompiledThreshold, e: ParsedThreshold, view: MetricView): number | null {
  const { name, tags } = t.selector;
  if (t.kind === 'trend') {
    const trend = view.trend(name, tags);
    if (trend === undefined || trend.count === 0) return null;
    if (e.aggregation === 'avg') return trend.avg;
    if (e.aggregation === 'min') return trend.min;
    if (e.aggregation === 'max') return trend.max;
    return trend.percentile(e.aggregation === 'med' ? 50 : e.percentile!);
  }
  if (t.kind === 'rate') {
    const rate = view.rate(name, tags);
    if (rate === undefined || rate.total === 0) return null;
    return e.aggregation === 'count' ? rate.passes : rate.passes / rate.total;
  }
  // A counter that was never incremented is 0, so `dropped_iterations: count==0` passes when nothing dropped.
  const count = view.counter(name, tags) ?? 0;
  if (e.aggregation === 'count') return count;
  return view.elapsedSeconds > 0 ? count / view.elapsedSeconds : 0;
}

function holds(actual: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/** One verdict per expression, in the order given. */
export function evaluateThresholds(
  thresholds: readonly ThresholdSpec[] | readonly CompiledThreshold[],
  view: MetricView,
): ThresholdVerdict[] {
  const compiled = thresholds.every((t) => 'selector' in t)
    ? (thresholds as readonly CompiledThreshold[])
    : compileThresholds(thresholds as readonly ThresholdSpec[]);
  return compiled.flatMap((t) =>
    t.expressions.map((e) => {
      const actual = aggregate(t, e, view);
      return {
        metric: t.metric,
        expression: e.source,
        ok: actual === null || holds(actual, e.operator, e.value),
        actual,
        abortOnFail: t.abortOnFail,
      };
    }),
  );
}

export function thresholdsPassed(verdicts: readonly ThresholdVerdict[]): boolean {
  return verdicts.every((v) => v.ok);
}

/** True when a failed threshold asks the run to stop now (k6's abortOnFail). */
export function shouldAbort(verdicts: readonly ThresholdVerdict[]): boolean {
  return verdicts.some((v) => !v.ok && v.abortOnFail);
}
