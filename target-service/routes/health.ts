// Liveness and readiness. /readyz fails while draining or when the database does not answer, so a load
// balancer stops sending new applicants to an instance that cannot serve them.
import type { FastifyInstance } from 'fastify';
import { ERRORS } from '../errors.js';
import { errorBody } from '../plugins/errors.js';

export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { tags: ['operations'] } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['operations'] } }, async (request, reply) => {
    if (app.lifecycle.draining) return reply.code(503).send(errorBody(ERRORS.SVC_DRAINING));
    try {
      await app.repo.ping();
    } catch (err) {
      request.log.warn({ err: { message: (err as Error).message } }, 'database not reachable');
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
    return {
      status: 'ready',
      database: app.repo.kind,
      registryCircuit: app.registryClient.circuitState(),
      // Whose applicants the in-process registry stub knows, so a load generator can check before it sends
      // load that its applicants exist (scenarios/engine/preflight.ts); unknown with an external registry.
      ...(app.config.registry.url === undefined ? { populationSeed: app.config.populationSeed } : {}),
    };
  });
}
