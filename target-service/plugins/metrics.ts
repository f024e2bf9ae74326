// http_request_duration_seconds for every request, labelled by the route *template* (never the raw URL:
// unbounded label values would blow up Prometheus), and GET /metrics.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async function metricsPlugin(app: FastifyInstance) {
    const { registry, httpRequestDuration, exposition } = app.metrics;
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      httpRequestDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      void reply.type(registry.contentType);
      return exposition ? exposition() : registry.metrics();
    });
  },
  { name: 'gelombang-metrics' },
);
