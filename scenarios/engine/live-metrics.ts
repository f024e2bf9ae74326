// Live Prometheus metrics of a run, under k6's names (as k6's Prometheus remote-write output writes them)
// so that one Grafana dashboard serves a k6 run and an engine run. Each shard keeps its own prom-client
// Registry; with worker threads the parent aggregates the shards' JSON snapshots (prom-client's
// AggregatorRegistry, as for cluster workers): counters and histogram buckets add exactly.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// Latency from intended send can reach tens of seconds on launch day; the buckets go to a minute.
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const LAG_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export interface LiveMetrics {
  registry: Registry;
  request(step: string, method: string, status: number, failed: boolean, secondsFromIntended: number): void;
  iteration(result: string, seconds: number): void;
  dropped(): void;
  lag(seconds: number): void;
  setInFlight(journeys: number): void;
  setTargetRate(perSecond: number): void;
}

export function createLiveMetrics(scenario: string, maxInFlight: number): LiveMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ scenario });
  const registers = [registry];
  const duration = new Histogram({
    name: 'k6_http_req_duration_seconds',
    help: 'HTTP request duration from the intended send time (no coordinated omission), by funnel step',
    labelNames: ['step', 'method', 'status', 'expected_response'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const reqs = new Counter({
    name: 'k6_http_reqs_total',
    help: 'HTTP requests answered (or failed at the transport), by funnel step',
    labelNames: ['step', 'method', 'status', 'expected_response'],
    registers,
  });
  let answered = 0;
  let failedCount = 0;
  new Gauge({
    name: 'k6_http_req_failed_rate',
    help: 'Share of requests the journey judged failed (retry or abandon); averaged over worker threads',
    registers,
    aggregator: 'average',
    collect() {
      this.set(answered === 0 ? 0 : failedCount / answered);
    },
  });
  const iterations = new Counter({
    name: 'k6_iterations_total',
    help: 'Journeys ended, by result (completed, abandoned, dropped-out, interrupted, errored)',
    labelNames: ['result'],
    registers,
  });
  const iterationDuration = new Histogram({
    name: 'k6_iteration_duration_seconds',
    help: 'Whole-journey duration from the intended arrival time',
    buckets: [0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers,
  });
  const dropped = new Counter({
    name: 'k6_dropped_iterations_total',
    help: 'Arrivals not started because max-in-flight journeys were running',
    registers,
  });
  const vus = new Gauge({ name: 'k6_vus', help: 'Journeys in flight', registers });
  const vusMax = new Gauge({
    name: 'k6_vus_max',
    help: 'Cap on journeys in flight (max-in-flight)',
    registers,
  });
  vusMax.set(maxInFlight);
  const lag = new Histogram({
    name: 'gelombang_engine_scheduler_lag_seconds',
    help: 'Actual launch minus intended arrival time of each journey',
    buckets: LAG_BUCKETS,
    registers,
  });
  const targetRate = new Gauge({
    name: 'gelombang_engine_target_arrival_rate',
    help: "The profile's target arrival rate now, per second",
    registers,
  });
  return {
    registry,
    request(step, method, status, failed, seconds) {
      const labels = { step, method, status: String(status), expected_response: failed ? 'false' : 'true' };
      duration.observe(labels, seconds);
      reqs.inc(labels);
      answered++;
      if (failed) failedCount++;
    },
    iteration(result, seconds) {
      iterations.inc({ result });
      iterationDuration.observe(seconds);
    },
    dropped: () => dropped.inc(),
    lag: (seconds) => lag.observe(seconds),
    setInFlight: (journeys) => vus.set(journeys),
    setTargetRate: (perSecond) => targetRate.set(perSecond),
  };
}
