// The stub's own metrics, on its own registry (the service it serves has another one): what the
// registry side saw, to set beside the client's gelombang_registry_* view of the same calls.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type StubOutcome =
  | 'match'
  | 'not-found'
  | 'mismatch'
  | 'found'
  | 'overloaded'
  | 'error'
  | 'unavailable'
  | 'bad-request';

export interface StubMetrics {
  registry: Registry;
  requests: Counter<'route' | 'outcome'>;
  duration: Histogram<'route'>;
  inFlight: Gauge<never>;
  queueLength: Gauge<never>;
}

export function createStubMetrics(): StubMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'gelombang_registry_stub_requests_total',
      help: 'Registry-stub calls by route (verify, lookup) and outcome (match, not-found, mismatch, found, overloaded, error, unavailable, bad-request)',
      labelNames: ['route', 'outcome'],
      registers,
    }),
    duration: new Histogram({
      name: 'gelombang_registry_stub_request_duration_seconds',
      help: 'Registry-stub time from arrival to answer, queueing included',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    inFlight: new Gauge({
      name: 'gelombang_registry_stub_in_flight',
      help: 'Registry-stub calls being served (bounded by maxConcurrent)',
      registers,
    }),
    queueLength: new Gauge({
      name: 'gelombang_registry_stub_queue_length',
      help: 'Registry-stub calls waiting for capacity (overload = queue)',
      registers,
    }),
  };
}
