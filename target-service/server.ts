// Starts the whole service: database (migrated), population registry (the stub in-process on its own
// loopback port unless a URL is given), registry client, verification worker, HTTP server. close() drains:
// stop accepting, finish in-flight requests, stop the worker, close the database.
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from './app.js';
import type { ServiceConfig } from './config.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import { createRegistryClient } from './registry/client.js';
import { startRegistryStub } from './registry/stub-server.js';
import { startVerificationWorker, VERIFY_BATCH_SIZE } from './registry/verification-worker.js';
import { isUnderAge } from './eligibility/age.js';
import { createSideRegistryClients } from './eligibility/side-registries.js';
import { createRepository } from './storage/create-repository.js';

export interface RunningService {
  url: string;
  app: FastifyInstance;
  /** The in-process registry stub's URL, when the service started one. */
  registryUrl: string;
  close(): Promise<void>;
}

export interface StartOptions {
  logStream?: DestinationStream;
  /** Metrics to record into (a cluster worker passes its own); default: a fresh set. */
  metrics?: ServiceMetrics;
}

export async function startService(config: ServiceConfig, opts: StartOptions = {}): Promise<RunningService> {
  const metrics = opts.metrics ?? createMetrics();
  const repo = await createRepository(config.db);
  const closers: Array<() => Promise<void>> = [() => repo.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    await repo.migrate();
    let registryUrl = config.registry.url;
    if (registryUrl === undefined) {
      const stub = await startRegistryStub({ host: '127.0.0.1', port: 0, seed: config.populationSeed });
      closers.push(() => stub.close());
      registryUrl = stub.url;
    }
    const registryClient = createRegistryClient({ ...config.registry, url: registryUrl }, { metrics });
    closers.push(() => registryClient.close());
    const sideRegistries = createSideRegistryClients({ ...config.registry, url: registryUrl });
    closers.push(() => sideRegistries.close());

    const app = await buildApp({
      config,
      repo,
      registryClient,
      metrics,
      sideRegistries,
      ...(opts.logStream ? { logStream: opts.logStream } : {}),
    });
    const worker = startVerificationWorker({
      repo,
      client: registryClient,
      metrics,
      logger: app.log,
      intervalMs: config.verifyIntervalMs,
      batchSize: VERIFY_BATCH_SIZE,
      leaseMs: Math.max(config.registry.timeoutMs * (config.registry.retries + 2), 5000),
      isUnderAge: (birthDate) => isUnderAge(birthDate, app.programme.registrationDate()),
      lookUpEligibility: (accountId) => app.eligibility.lookUp(accountId),
    });
    closers.push(() => worker.stop());
    closers.push(() => app.close());
    if (config.sandbox) {
      app.log.warn(
        'SANDBOX MODE IS ON: applicants can read their own verification mail. Never use in production.',
      );
    }
    const address = await app.listen({ host: config.host, port: config.port });
    app.log.info(
      { registry: registryUrl === config.registry.url ? 'external' : 'in-process stub' },
      'service ready',
    );
    return {
      url: address.replace('[::1]', 'localhost'),
      app,
      registryUrl,
      async close() {
        app.lifecycle.draining = true;
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
