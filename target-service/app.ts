// The service as a Fastify instance: external plugins (swagger, errors, metrics, auth), then one route
// plugin per funnel step. Dependencies (repository, registry client, metrics) are built by server.ts and
// passed in, so tests build the app in-process with real parts and use app.inject.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from './config.js';
import { loggerOptions } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import authPlugin from './plugins/auth.js';
import errorsPlugin from './plugins/errors.js';
import metricsPlugin from './plugins/metrics.js';
import sheddingPlugin from './plugins/shedding.js';
import waitingRoomPlugin from './plugins/waiting-room.js';
import type { RegistryClient } from './registry/types.js';
import accountRoutes from './routes/accounts.js';
import bulkRegistrationRoutes from './routes/bulk-registrations.js';
import emailVerificationRoutes from './routes/email-verification.js';
import healthRoutes from './routes/health.js';
import landingRoutes from './routes/landing.js';
import profileRoutes from './routes/profile.js';
import sandboxRoutes from './routes/sandbox.js';
import type { Account, Repository } from './storage/types.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: ServiceConfig;
    repo: Repository;
    registryClient: RegistryClient;
    metrics: ServiceMetrics;
    lifecycle: { draining: boolean };
    requireAccount(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    account: Account | null;
  }
}

export interface AppDeps {
  config: ServiceConfig;
  repo: Repository;
  registryClient: RegistryClient;
  metrics: ServiceMetrics;
  /** Where logs go (tests capture them to prove PII is redacted); stdout by default. */
  logStream?: DestinationStream;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const logger = loggerOptions(config.logLevel);
  const app = Fastify({
    logger: deps.logStream ? { ...logger, stream: deps.logStream } : logger,
    bodyLimit: config.bodyLimitBytes,
    // Strict bodies: reject unknown fields and wrong types instead of stripping or coercing them.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // Answer 503 to requests arriving on kept-alive connections while closing; close idle ones at once.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
  });
  // The API speaks JSON only: a text/plain body is a 415, not a string that fails the schema.
  app.removeContentTypeParser('text/plain');
  app.decorate('config', config);
  app.decorate('repo', deps.repo);
  app.decorate('registryClient', deps.registryClient);
  app.decorate('metrics', deps.metrics);
  app.decorate('lifecycle', { draining: false });

  // Draining: answers still in flight tell the client to close its kept-alive connection, so close()
  // finishes as soon as they are sent instead of waiting for keep-alive timeouts.
  app.addHook('preClose', async () => {
    app.lifecycle.draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (app.lifecycle.draining) reply.header('connection', 'close');
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gelombang reference registration service',
        version: '0.1.0',
        description: 'The registration funnel of a national launch: account, email, profile with NIK check.',
      },
    },
  });
  await app.register(errorsPlugin);
  await app.register(metricsPlugin);
  await app.register(sheddingPlugin); // off unless configured; before the routes so it guards them all
  await app.register(waitingRoomPlugin); // off unless configured
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(landingRoutes);
  await app.register(accountRoutes);
  await app.register(emailVerificationRoutes);
  await app.register(profileRoutes);
  await app.register(sandboxRoutes);
  await app.register(bulkRegistrationRoutes);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
