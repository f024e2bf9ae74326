// Load shedding with @fastify/under-pressure: past the configured event-loop delay, heap or event-loop
// utilisation, requests are answered 503 with Retry-After at once instead of queueing behind work the
// process cannot finish in time. /metrics and the health routes are never shed: the operator must see
// the pressure and the balancer must not take a busy process for a dead one. Off unless configured.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter } from 'prom-client';
import { ERRORS } from '../errors.js';
import { errorBody } from './errors.js';

const NEVER_SHED = new Set(['/metrics', '/healthz', '/readyz']);

/** under-pressure's pressure types → the `reason` label of gelombang_shed_total. */
const REASON: Record<string, string> = {
  eventLoopDelay: 'event_loop_delay',
  heapUsedBytes: 'heap_used',
  rssBytes: 'rss',
  eventLoopUtilization: 'event_loop_utilization',
  healthCheck: 'health_check',
};

export default fp(
  async function sheddingPlugin(app: FastifyInstance) {
    const cfg = app.config.shedding;
    if (cfg === undefined) return;
    const shed = new Counter({
      name: 'gelombang_shed_total',
      help: 'Requests answered 503 by load shedding, by reason (event_loop_delay, heap_used, event_loop_utilization)',
      labelNames: ['reason'],
      registers: [app.metrics.registry],
    });
    await app.register(underPressure, {
      maxEventLoopDelay: cfg.maxEventLoopDelayMs,
      maxHeapUsedBytes: cfg.maxHeapUsedBytes,
      maxEventLoopUtilization: cfg.maxEventLoopUtilization,
      sampleInterval: cfg.sampleIntervalMs,
      retryAfter: cfg.retryAfterSeconds,
      pressureHandler(request, reply, type) {
        // Returning without sending lets the request through (under-pressure's contract).
        if (NEVER_SHED.has(request.url.split('?')[0]!)) return;
        const reason = REASON[type] ?? type;
        shed.inc({ reason });
        void reply
          .code(503)
          .header('retry-after', String(cfg.retryAfterSeconds))
          .type('application/json')
          .send(
            errorBody(ERRORS.SVC_OVERLOADED, undefined, { reason, retryAfterSeconds: cfg.retryAfterSeconds }),
          );
      },
    });
  },
  { name: 'gelombang-shedding', dependencies: ['gelombang-metrics'] },
);
