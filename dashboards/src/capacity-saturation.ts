// Capacity & saturation: which resource runs out first. Per instance: throughput, CPU, event-loop lag,
// heap and scrypt time; then the population registry (the 2020 bottleneck) from both sides, the
// durable verification queue, the admission controls (waiting room, shedding, throttling) and uploads.
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboardFrame } from './dashboard.js';
import { timeseries } from './panels.js';
import { prom, quantile, RATE_WINDOW, REGISTRY_STUB, rateSum, SERVICE } from './queries.js';

export const CAPACITY_SATURATION_UID = 'gelombang-capacity-saturation';

const REGISTRY_CALLS = 'gelombang_registry_request_duration_seconds';

export function capacitySaturation(): DashboardBuilder {
  return dashboardFrame({
    uid: CAPACITY_SATURATION_UID,
    title: 'gelombang / Capacity & saturation',
    description:
      'Per-instance utilisation, the population registry, the verification queue, admission, uploads.',
  })
    .withRow(new RowBuilder('Instances'))
    .withPanel(
      timeseries({
        title: 'Throughput per instance',
        description:
          'Requests answered per second by each instance. Uneven lines behind one balancer mean the ' +
          'balancing (or a slow instance) is wrong.',
        unit: 'reqps',
        width: 8,
        queries: [
          prom(rateSum('http_request_duration_seconds_count', SERVICE, ['instance']), '{{instance}}'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'CPU per instance',
        description:
          'CPU seconds per second (1 = one core busy). A Node process serves requests on one core: near 1, ' +
          'the instance is saturated whatever the machine has.',
        unit: 'percentunit',
        width: 8,
        min: 0,
        queries: [
          prom(
            `sum by (instance) (rate(process_cpu_seconds_total{${SERVICE}}[${RATE_WINDOW}]))`,
            '{{instance}}',
          ),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Event-loop lag p99 per instance',
        description:
          'How late the event loop runs timers (p99 over prom-client’s sampling window). Tens of ms: ' +
          'requests queue inside the process before any handler runs.',
        unit: 's',
        width: 8,
        queries: [prom(`max by (instance) (nodejs_eventloop_lag_p99_seconds{${SERVICE}})`, '{{instance}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Heap used per instance',
        description: 'V8 heap in use against the heap size: a steady climb under flat load is a leak.',
        unit: 'bytes',
        width: 12,
        queries: [
          prom(`sum by (instance) (nodejs_heap_size_used_bytes{${SERVICE}})`, 'used {{instance}}'),
          prom(`sum by (instance) (nodejs_heap_size_total_bytes{${SERVICE}})`, 'total {{instance}}'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Password hashing p95 per instance',
        description:
          'scrypt time per password. It runs on the libuv thread pool (4 threads by default): when it climbs ' +
          'with load, the pool, not the event loop, limits sign-ups.',
        unit: 's',
        width: 12,
        queries: [
          prom(
            quantile(0.95, 'gelombang_password_hash_duration_seconds', SERVICE, ['instance']),
            '{{instance}}',
          ),
        ],
      }),
    )
    .withRow(new RowBuilder('Population registry (NIK checks)'))
    .withPanel(
      timeseries({
        title: 'Registry calls in flight',
        description:
          'Calls to the population registry in flight per instance (bounded by the bulkhead), against the ' +
          'concurrency limit each instance currently allows itself.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [
          prom(`sum by (instance) (gelombang_registry_in_flight{${SERVICE}})`, 'in flight {{instance}}'),
          prom(`sum by (instance) (gelombang_registry_concurrency_limit{${SERVICE}})`, 'limit {{instance}}'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Registry latency p95 by outcome',
        description:
          'Client-side duration of registry calls (retries excluded) by outcome: match, not-found, timeout, …',
        unit: 's',
        width: 8,
        queries: [prom(quantile(0.95, REGISTRY_CALLS, SERVICE, ['outcome']), '{{outcome}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Registry calls by outcome',
        description:
          'Registry calls per second by outcome. Timeouts and "overloaded" mean the dependency is the limit.',
        unit: 'reqps',
        width: 8,
        stacked: true,
        queries: [prom(rateSum(`${REGISTRY_CALLS}_count`, SERVICE, ['outcome']), '{{outcome}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Registry circuit state and retries',
        description:
          'Circuit breaker towards the registry (0 closed, 1 half-open, 2 open; worst instance) and retries per second.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [
          prom(`max(gelombang_registry_circuit_state{${SERVICE}})`, 'circuit state'),
          prom(rateSum('gelombang_registry_retries_total', SERVICE), 'retries/s'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Pending NIK verifications',
        description:
          'Profiles waiting in the durable queue for a NIK check. Growing while the registry is healthy: add ' +
          'verification workers; growing while it is not: the queue is doing its job.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [prom(`max(gelombang_pending_verifications{${SERVICE}})`, 'pending')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Registry side: serving and queued',
        description:
          'The registry stub’s own view: calls being served (capped by its max-concurrent) and calls queued for capacity.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [
          prom(`sum(gelombang_registry_stub_in_flight{${REGISTRY_STUB}})`, 'serving'),
          prom(`sum(gelombang_registry_stub_queue_length{${REGISTRY_STUB}})`, 'queued'),
        ],
      }),
    )
    .withRow(new RowBuilder('Admission: waiting room, shedding, throttling'))
    .withPanel(
      timeseries({
        title: 'Waiting room: admitted, rejected, queued',
        description:
          'Applicants let in and turned away per second, and the queue length in the waiting room: admission control in front of the funnel.',
        unit: 'short',
        width: 8,
        queries: [
          prom(rateSum('gelombang_waiting_room_admitted_total', SERVICE), 'admitted/s'),
          prom(rateSum('gelombang_waiting_room_rejected_total', SERVICE), 'rejected/s'),
          prom(`sum(gelombang_waiting_room_queue_length{${SERVICE}})`, 'queued'),
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Requests shed by reason',
        description:
          'Requests refused early (503) to protect latency for the rest, by reason (event-loop lag, queue, …).',
        unit: 'reqps',
        width: 8,
        stacked: true,
        queries: [prom(rateSum('gelombang_shed_total', SERVICE, ['reason']), '{{reason}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Requests throttled by reason',
        description: 'Requests answered 429 by a rate limit, by reason (per account, per address, …).',
        unit: 'reqps',
        width: 8,
        stacked: true,
        queries: [prom(rateSum('gelombang_throttled_total', SERVICE, ['reason']), '{{reason}}')],
      }),
    )
    .withRow(new RowBuilder('Uploads (KTP and selfie)'))
    .withPanel(
      timeseries({
        title: 'Upload bytes per second by part',
        description:
          'Bytes received per second for KTP scans and selfies: the network and storage demand of the profile step.',
        unit: 'Bps',
        width: 8,
        queries: [prom(rateSum('gelombang_upload_bytes_sum', SERVICE, ['part']), '{{part}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Upload size p95 by part',
        description: 'The 95th percentile size of one upload, by part.',
        unit: 'bytes',
        width: 8,
        queries: [prom(quantile(0.95, 'gelombang_upload_bytes', SERVICE, ['part']), '{{part}}')],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Upload duration p95',
        description: 'Time to receive and store one upload (p95): slow clients hold connections this long.',
        unit: 's',
        width: 8,
        queries: [prom(quantile(0.95, 'gelombang_upload_duration_seconds', SERVICE), 'p95')],
      }),
    );
}
