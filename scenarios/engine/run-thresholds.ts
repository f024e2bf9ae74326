// The thresholds a run judges: the scenario's, with --threshold overrides, checked against what the
// engine can measure before any request (a threshold that cannot be evaluated must not pass in silence).
import { EngineOptionsError } from './errors.js';
import { isScenarioError } from '../model/errors.js';
import { getJourney } from '../model/journeys.js';
import { compileThresholds } from '../model/thresholds.js';
import type { ThresholdSpec } from '../model/types.js';

/** Replaces the scenario's thresholds on a metric with the overrides on that metric; adds the rest. */
export function mergeThresholds(
  base: readonly ThresholdSpec[],
  overrides: readonly ThresholdSpec[],
): ThresholdSpec[] {
  const overridden = new Set(overrides.map((spec) => spec.metric));
  return [...base.filter((spec) => !overridden.has(spec.metric)), ...overrides];
}

const PER_STEP_METRICS = ['http_req_duration', 'http_req_waiting', 'http_req_failed', 'http_reqs'];

/** The engine keeps its numbers per funnel step, so `step` is the one tag a threshold may filter on; a
 *  threshold on any other tag, or on a step the journey never takes, would pass without being checked. */
export function checkThresholds(specs: readonly ThresholdSpec[], journey: string): void {
  const steps = resolveJourneySteps(journey);
  let compiled: ReturnType<typeof compileThresholds>;
  try {
    compiled = compileThresholds(specs);
  } catch (err) {
    if (isScenarioError(err)) throw new EngineOptionsError(err.message, err.code);
    throw err;
  }
  for (const threshold of compiled) {
    for (const [tag, value] of Object.entries(threshold.selector.tags)) {
      if (tag !== 'step') {
        throw new EngineOptionsError(
          `threshold on "${threshold.metric}": the engine filters by {step:NAME} only; drop {${tag}:…}`,
        );
      }
      if (!PER_STEP_METRICS.includes(threshold.selector.name)) {
        throw new EngineOptionsError(
          `threshold on "${threshold.metric}": ${threshold.selector.name} is counted per run, not per step; ` +
            `{step:…} applies to ${PER_STEP_METRICS.join(', ')}`,
        );
      }
      if (!steps.includes(value)) {
        throw new EngineOptionsError(
          `threshold on "${threshold.metric}": this journey has no step "${value}"; its steps: ${steps.join(', ')}`,
        );
      }
    }
  }
}

function resolveJourneySteps(name: string): readonly string[] {
  try {
    return getJourney(name).steps;
  } catch (err) {
    if (isScenarioError(err)) throw new EngineOptionsError(err.message, err.code);
    throw err;
  }
}

/** `--threshold 'http_req_duration{step:account}=p(95)<500'` (repeatable): METRIC=EXPRESSION. Several flags on
 *  one metric make one threshold with several expressions. A trailing `!` (`…=rate<0.05!`) sets abortOnFail. */
export function parseThresholdFlags(values: readonly string[]): ThresholdSpec[] {
  const byMetric = new Map<string, ThresholdSpec>();
  for (const value of values) {
    const at = value.indexOf('=');
    const metric = at < 0 ? '' : value.slice(0, at).trim();
    let expression = at < 0 ? '' : value.slice(at + 1).trim();
    if (metric === '' || expression === '') {
      throw new EngineOptionsError(
        `--threshold must be METRIC=EXPRESSION, e.g. 'http_req_duration{step:account}=p(95)<500'; got "${value}"`,
      );
    }
    const abortOnFail = expression.endsWith('!');
    if (abortOnFail) expression = expression.slice(0, -1).trim();
    const spec = byMetric.get(metric) ?? { metric, expressions: [] };
    spec.expressions.push(expression);
    if (abortOnFail) spec.abortOnFail = true;
    byMetric.set(metric, spec);
  }
  return [...byMetric.values()];
}
