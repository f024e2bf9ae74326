// PromQL helpers every dashboard shares: one place writes a rate, a ratio or a percentile, so the three
// dashboards (and the alert rules' expressions, which spell out the same shapes) agree.
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { DATASOURCE } from './variables.js';

/** Grafana's rate window: at least four scrape intervals, so a rate never shows gaps. */
export const RATE_WINDOW = '$__rate_interval';

/** Label matchers of the service's instances, restricted by the `instance` template variable. */
export const SERVICE = 'job="gelombang-service", instance=~"$instance"';
/** The registry stub's own view of the calls it served. */
export const REGISTRY_STUB = 'job="gelombang-registry-stub"';
/**
 * The load generator: our engine's live /metrics (scraped) or k6's Prometheus remote write. Both carry
 * a `scenario` label (the engine sets it as a default label; k6 tags every sample with its scenario).
 */
export const LOAD = 'scenario=~"$scenario"';

/** A Prometheus query with a legend; `refId` is filled in by the panel helper. */
export function prom(expr: string, legend: string): DataqueryBuilder {
  return new DataqueryBuilder().datasource(DATASOURCE).expr(expr).legendFormat(legend);
}

/** `sum by (by) (rate(metric{selector}[window]))`, per second. An empty `by` sums everything. */
export function rateSum(metric: string, selector: string, by: readonly string[] = []): string {
  const grouping = by.length === 0 ? '' : ` by (${by.join(', ')})`;
  return `sum${grouping} (rate(${metric}{${selector}}[${RATE_WINDOW}]))`;
}

/**
 * The q-quantile (0–1) of a Prometheus histogram over the rate window, grouped by `by`: Prometheus
 * interpolates linearly inside the bucket, so the answer is as coarse as the buckets around it.
 */
export function quantile(q: number, histogram: string, selector: string, by: readonly string[] = []): string {
  return `histogram_quantile(${q}, ${rateSum(`${histogram}_bucket`, selector, [...by, 'le'])})`;
}

/**
 * The share (0–1) of `part` in `whole`, per `by` group, that is 0 rather than absent when `part` has no
 * series yet (no error so far must read 0 %, not "No data").
 */
export function ratioOrZero(part: string, whole: string, by: readonly string[]): string {
  const on = by.length === 0 ? '' : ` on (${by.join(', ')})`;
  return `(${part} or${on} (${whole} * 0)) / ${whole}`;
}
