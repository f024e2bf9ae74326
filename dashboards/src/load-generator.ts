// Load generator: is the generator itself healthy, and what did applicants experience? Built on k6's
// Prometheus names, which our engine's live /metrics reuse, so one dashboard serves an engine run
// (scraped) and a k6 run (remote write).
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboardFrame } from './dashboard.js';
import { timeseries } from './panels.js';
import { LOAD, prom, RATE_WINDOW, rateSum } from './queries.js';

export const LOAD_GENERATOR_UID = 'gelombang-load-generator';

/**
 * The q-quantile of a k6 trend over the rate window, grouped by `by`: from classic `_bucket` series (our
 * engine) or from a native histogram (k6 with K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM=true).
 */
export function trendQuantile(q: number, metric: string, by: readonly string[] = []): string {
  const grouping = (labels: readonly string[]) => (labels.length === 0 ? '' : ` by (${labels.join(', ')})`);
  const classic = `sum${grouping([...by, 'le'])} (rate(${metric}_bucket{${LOAD}}[${RATE_WINDOW}]))`;
  const native = `sum${grouping(by)} (rate(${metric}{${LOAD}}[${RATE_WINDOW}]))`;
  return `histogram_quantile(${q}, ${classic} or ${native})`;
}

export function loadGenerator(): DashboardBuilder {
  return dashboardFrame({
    uid: LOAD_GENERATOR_UID,
    title: 'gelombang / Load generator',
    description: 'Requests, journeys, dropped arrivals and latency from the intended send (engine or k6).',
  })
    .withRow(new RowBuilder('Throughput'))
    .withPanel(
      timeseries({
        title: 'Requests per second by step and status',
        description:
          'Requests answered per second by funnel step and HTTP status, as the load generator saw them.',
        unit: 'reqps',
        stacked: true,
        queries: [prom(rateSum('k6_http_reqs_total', LOAD, ['step', 'status']), '{{step}} {{status}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Failed request share',
        description:
          'Share of requests the journey judged failed (it retried or abandoned), k6’s http_req_failed. ' +
          'The usual threshold is rate<0.01.',
        unit: 'percentunit',
        min: 0,
        line: { value: 0.01, color: 'orange' },
        queries: [prom(`avg(k6_http_req_failed_rate{${LOAD}})`, 'failed')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Journeys ended by result',
        description:
          'Iterations (one applicant’s journey) ending per second: completed, abandoned, dropped out, errored.',
        unit: 'reqps',
        width: 8,
        stacked: true,
        queries: [prom(rateSum('k6_iterations_total', LOAD, ['result']), '{{result}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Dropped arrivals',
        description:
          'Arrivals the generator could not start because max-in-flight journeys were running. Anything above ' +
          'zero: the run did not offer the planned load, and its latencies understate the truth.',
        unit: 'reqps',
        width: 8,
        min: 0,
        queries: [prom(rateSum('k6_dropped_iterations_total', LOAD), 'dropped/s')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Journeys in flight',
        description: 'Journeys running now against the cap (k6: VUs against max VUs).',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [prom(`sum(k6_vus{${LOAD}})`, 'in flight'), prom(`sum(k6_vus_max{${LOAD}})`, 'cap')],
      }),
    )
    .withRow(new RowBuilder('Latency from the intended send'))
    .withPanel(
      timeseries({
        title: 'Request latency p50, p95, p99',
        description:
          'All steps, measured from when each request should have been sent (no coordinated omission): what a person waited.',
        unit: 's',
        queries: [
          prom(trendQuantile(0.5, 'k6_http_req_duration_seconds'), 'p50'),
          prom(trendQuantile(0.95, 'k6_http_req_duration_seconds'), 'p95'),
          prom(trendQuantile(0.99, 'k6_http_req_duration_seconds'), 'p99'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Request latency p95 by step',
        description:
          'The 95th percentile per funnel step: the thresholds of a scenario are usually written per step.',
        unit: 's',
        queries: [prom(trendQuantile(0.95, 'k6_http_req_duration_seconds', ['step']), '{{step}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Journey duration p95',
        description: 'Whole-journey time from the intended arrival, think times included.',
        unit: 's',
        queries: [prom(trendQuantile(0.95, 'k6_iteration_duration_seconds'), 'p95')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Scheduler lag p99 (engine)',
        description:
          'How late the engine launched journeys after their intended arrival (p99). Above a few ms the ' +
          'generator machine is saturated: add workers or machines. k6 has no equivalent metric.',
        unit: 's',
        queries: [prom(trendQuantile(0.99, 'gelombang_engine_scheduler_lag_seconds'), 'p99')],
      }),
    );
}
