// Every metric the service exposes, on one prom-client registry per app instance (tests build many apps).
// Names follow Prometheus conventions; the dashboards and alert rules depend on them: rename nothing.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Latency buckets from 2.5 ms to 30 s: a launch-day queue can push a request into tens of seconds.
const LATENCY_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface ServiceMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  funnelSteps: Counter<'step' | 'outcome'>;
  passwordHashDuration: Histogram<never>;
  registryRequestDuration: Histogram<'outcome'>;
  registryInFlight: Gauge<never>;
  registryCircuitState: Gauge<never>;
  registryRetries: Counter<never>;
  registryConcurrencyLimit: Gauge<'registry'>;
  pendingVerifications: Gauge<never>;
  /** The text GET /metrics answers; set by a cluster worker to serve every worker's metrics (cluster.ts).
   *  Undefined: this registry's own. */
  exposition?: () => Promise<string>;
  signIns: Counter<'outcome'>;
  throttled: Counter<'reason'>;
  uploadBytes: Histogram<'part'>;
  uploadDuration: Histogram<never>;
  waveQuotaRemaining: Gauge<'wave'>;
  waveJoins: Counter<'wave' | 'outcome'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) {
    // Includes nodejs_eventloop_lag_seconds and its percentiles.
    collectDefaultMetrics({ register: registry });
  }
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    funnelSteps: new Counter({
      name: 'gelombang_funnel_steps_total',
      help: 'Funnel steps attempted, by step (account, email, profile, nik) and outcome',
      labelNames: ['step', 'outcome'],
      registers,
    }),
    passwordHashDuration: new Histogram({
      name: 'gelombang_password_hash_duration_seconds',
      help: 'Time to hash one password with scrypt (a capacity factor: it runs on the libuv pool)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    registryRequestDuration: new Histogram({
      name: 'gelombang_registry_request_duration_seconds',
      help: 'Population-registry calls by outcome (match, not-found, mismatch, timeout, overloaded, error)',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    registryInFlight: new Gauge({
      name: 'gelombang_registry_in_flight',
      help: 'Population-registry calls in flight (bounded by the bulkhead)',
      registers,
    }),
    registryCircuitState: new Gauge({
      name: 'gelombang_registry_circuit_state',
      help: 'Circuit breaker state towards the population registry: 0 closed, 1 half-open, 2 open',
      aggregator: 'max', // across cluster workers: the worst state
      registers,
    }),
    registryRetries: new Counter({
      name: 'gelombang_registry_retries_total',
      help: 'Population-registry calls retried after a failure',
      registers,
    }),
    registryConcurrencyLimit: new Gauge({
      name: 'gelombang_registry_concurrency_limit',
      help: 'Calls the client lets be in flight to a registry: adaptive (AIMD) or the configured quota',
      labelNames: ['registry'],
      registers,
    }),
    pendingVerifications: new Gauge({
      name: 'gelombang_pending_verifications',
      help: 'Profiles waiting for NIK verification in the durable queue',
      aggregator: 'max', // every cluster worker counts the same shared queue: do not add them up
      registers,
    }),
    signIns: new Counter({
      name: 'gelombang_sign_ins_total',
      help: 'Sign-ins by outcome (ok, wrong_password, throttled); wave-opening day is mostly these',
      labelNames: ['outcome'],
      registers,
    }),
    throttled: new Counter({
      name: 'gelombang_throttled_total',
      help: 'Requests refused by a guessing limit, by reason (sign_in_account, sign_in_address, email_code, …)',
      labelNames: ['reason'],
      registers,
    }),
    uploadBytes: new Histogram({
      name: 'gelombang_upload_bytes',
      help: 'Size of each uploaded document, by part (ktp, selfie)',
      labelNames: ['part'],
      // 64 KiB … 4 MiB: phone photos are 100 KiB–2 MiB (generators/photo.ts).
      buckets: [65536, 131072, 262144, 524288, 1048576, 1572864, 2097152, 4194304],
      registers,
    }),
    uploadDuration: new Histogram({
      name: 'gelombang_upload_duration_seconds',
      help: 'Time from the first byte of a document upload to its stored answer (body streaming included)',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    waveQuotaRemaining: new Gauge({
      name: 'gelombang_wave_quota_remaining',
      help: 'Places left on each wave, as last seen by this instance',
      labelNames: ['wave'],
      registers,
    }),
    waveJoins: new Counter({
      name: 'gelombang_wave_joins_total',
      help: 'Join Batch attempts by wave placed on and outcome (joined, overflow, rejected)',
      labelNames: ['wave', 'outcome'],
      registers,
    }),
  };
}

export const CIRCUIT_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;
