// The service as a Fastify instance: external plugins (swagger, errors, metrics, auth), then one route
// plugin per funnel step. Dependencies (repository, registry client, metrics) are built by server.ts and
// passed in, so tests build the app in-process with real parts and use app.inject.
import { dirname, join } from 'node:path';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from './config.js';
import { loggerOptions } from './logger.js';
import { cleanJson } from './normalise.js';
import type { ServiceMetrics } from './metrics.js';
import authPlugin from './plugins/auth.js';
import errorsPlugin from './plugins/errors.js';
import metricsPlugin from './plugins/metrics.js';
import sheddingPlugin from './plugins/shedding.js';
import waitingRoomPlugin from './plugins/waiting-room.js';
import type { RegistryClient } from './registry/types.js';
import accountRoutes from './routes/accounts.js';
import adminSelectionRoutes from './routes/admin-selection.js';
import bulkRegistrationRoutes from './routes/bulk-registrations.js';
import assessmentRoutes from './routes/assessment.js';
import waveRoutes from './routes/waves.js';
import { type EligibilityService, eligibilityService } from './eligibility/check.js';
import type { SideRegistryClients } from './eligibility/side-registries.js';
import documentRoutes from './routes/documents.js';
import emailVerificationRoutes from './routes/email-verification.js';
import healthRoutes from './routes/health.js';
import landingRoutes from './routes/landing.js';
import profileRoutes from './routes/profile.js';
import sandboxRoutes from './routes/sandbox.js';
import sandboxReturningRoutes from './routes/sandbox-returning.js';
import sessionRoutes from './routes/sessions.js';
import type { Account, Repository } from './storage/types.js';
import { Programme } from './waves/programme.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: ServiceConfig;
    repo: Repository;
    registryClient: RegistryClient;
    metrics: ServiceMetrics;
    lifecycle: { draining: boolean };
    programme: Programme;
    requireAccount(request: FastifyRequest): Promise<void>;
    /** Dapodik and DTKS lookups and the Join Batch check (eligibility/check.ts). */
    eligibility: EligibilityService;
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
  /** Dapodik and DTKS (eligibility at Join Batch). */
  sideRegistries: SideRegistryClients;
  /** The wave calendar and its clock; default: from config, started now. */
  programme?: Programme;
  /** Where logs go (tests capture them to prove PII is redacted); stdout by default. */
  logStream?: DestinationStream;
}

/** Where uploaded documents go: --data-dir, else documents/ beside the SQLite file, else ./data/documents. */
export function documentsDirOf(config: ServiceConfig): string {
  if (config.funnel.dataDir !== undefined) return join(config.funnel.dataDir, 'documents');
  const db = config.db;
  if (db.kind === 'sqlite' && db.path !== ':memory:' && !db.path.startsWith('file:')) {
    return join(dirname(db.path), 'documents');
  }
  return join('data', 'documents');
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
  app.decorate('programme', deps.programme ?? new Programme(config.funnel.waves));
  app.decorate('eligibility', eligibilityService(app, deps.sideRegistries));

  // Draining: answers still in flight tell the client to close its kept-alive connection, so close()
  // finishes as soon as they are sent instead of waiting for keep-alive timeouts.
  app.addHook('preClose', async () => {
    app.lifecycle.draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (app.lifecycle.draining) reply.header('connection', 'close');
  });
  // Input as people type it: every text field is NFC with invisible characters removed before the schema
  // validates it and before anything is compared or stored (normalise.ts), in this one place.
  app.addHook('preValidation', async (request) => {
    if (typeof request.body === 'object' && request.body !== null) cleanJson(request.body);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gelombang reference registration service',
        version: '0.1.0',
        description:
          'The registration funnel of a national launch: account, email, profile with NIK check, sign-in, ' +
          'KTP photo and selfie upload, aptitude test, and Join Batch on a wave with a quota (docs/service.md).',
      },
    },
  });
  await app.register(errorsPlugin);
  await app.register(metricsPlugin);
  await app.register(sheddingPlugin); // off unless configured; before the routes so it guards them all
  await app.register(waitingRoomPlugin); // off unless configured
  await app.register(authPlugin);
  // Multipart bodies are streamed by the route (routes/documents.ts), never collected: limits are per call.
  await app.register(multipart, { throwFileSizeLimit: false });

  await app.register(healthRoutes);
  await app.register(landingRoutes);
  await app.register(accountRoutes);
  await app.register(emailVerificationRoutes);
  await app.register(sessionRoutes);
  await app.register(profileRoutes);
  await app.register(documentRoutes, { documentsDir: documentsDirOf(config) });
  await app.register(assessmentRoutes);
  await app.register(waveRoutes);
  await app.register(sandboxRoutes);
  await app.register(sandboxReturningRoutes);
  await app.register(bulkRegistrationRoutes);
  await app.register(adminSelectionRoutes);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
