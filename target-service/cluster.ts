// All cores: `gelombang serve --workers N` runs N service processes on one port with node:cluster.
// The primary migrates the database once, starts the in-process registry stub once (so the workers share
// one registry's capacity, as they would share the real one), forks the workers, replaces a worker that
// dies, and aggregates their metrics (prom-client's AggregatorRegistry) for whichever worker answers
// GET /metrics. Workers are the ordinary service: the verification jobs are leased in the database
// (claimVerificationJobs), so two workers never take the same job.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { ServiceConfig } from './config.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import { startRegistryStub } from './registry/stub-server.js';
import { type RunningService, startService } from './server.js';
import { createRepository } from './storage/create-repository.js';

type ClusterMessage =
  | { type: 'gelombang:listening'; url: string }
  | { type: 'gelombang:metrics-request'; id: number }
  | { type: 'gelombang:metrics'; id: number; text: string; error?: string };

const METRICS_TIMEOUT_MS = 5000;
/** Tells a worker how many share the port, so a per-process limit can take its share. */
const WORKERS_ENV = 'GELOMBANG_CLUSTER_WORKERS';

export interface RunningCluster {
  url: string;
  workers: number;
  /** Drains every worker (SIGTERM), then stops the stub. */
  close(): Promise<void>;
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** Starts the primary: resolves once all `workers` listen. `log` gets one line per event worth telling
 *  an operator (a worker died and was replaced). Throws when a worker cannot start. */
export async function startCluster(
  config: ServiceConfig,
  workers: number,
  log: (line: string) => void = () => {},
): Promise<RunningCluster> {
  const repo = await createRepository(config.db);
  try {
    await repo.migrate(); // once, before any worker races to do it
  } finally {
    await repo.close();
  }
  const env: Record<string, string> = { [WORKERS_ENV]: String(workers) };
  let stopStub = async () => {};
  if (config.registry.url === undefined) {
    const stub = await startRegistryStub({ host: '127.0.0.1', port: 0, seed: config.populationSeed });
    env['REGISTRY_URL'] = stub.url;
    stopStub = () => stub.close();
  }

  const aggregator = new AggregatorRegistry();
  let closing = false;
  const listening: string[] = [];
  let ready: (url: string) => void = () => {};
  let failed: (err: Error) => void = () => {};
  const started = new Promise<string>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });

  cluster.on('message', (worker: Worker, message: ClusterMessage) => {
    if (message?.type === 'gelombang:listening') {
      listening.push(message.url);
      if (listening.length === workers) ready(message.url);
    } else if (message?.type === 'gelombang:metrics-request') {
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: 'gelombang:metrics', id: message.id, text }),
        (err: Error) =>
          worker.send({ type: 'gelombang:metrics', id: message.id, text: '', error: err.message }),
      );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (closing) return;
    if (listening.length < workers) {
      failed(new Error(`a service worker exited with ${code ?? signal} before listening`));
      return;
    }
    log(`worker ${worker.process.pid} exited with ${code ?? signal}; starting a replacement`);
    cluster.fork(env);
  });
  for (let i = 0; i < workers; i++) cluster.fork(env);

  let url: string;
  try {
    url = await started;
  } catch (err) {
    closing = true;
    await stopWorkers();
    await stopStub();
    throw err;
  }

  async function stopWorkers(): Promise<void> {
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  }

  return {
    url,
    workers,
    async close() {
      closing = true;
      await stopWorkers();
      await stopStub();
    },
  };
}

/** Starts the service in a cluster worker: its /metrics answers with every worker's metrics,
 *  aggregated by the primary; a waiting room admits its share (rate / workers). Tells the primary once
 *  it listens. */
export async function startClusterWorker(config: ServiceConfig): Promise<RunningService> {
  const workers = Number(process.env[WORKERS_ENV] ?? '1');
  if (config.waitingRoomRate !== undefined && workers > 1) {
    // Each process runs its own waiting room: together they admit the configured rate.
    config = { ...config, waitingRoomRate: Math.max(1, Math.round(config.waitingRoomRate / workers)) };
  }
  const metrics = createMetrics();
  AggregatorRegistry.setRegistries([metrics.registry]);
  new AggregatorRegistry(); // installs the listener that answers the primary's requests for our metrics
  metrics.exposition = aggregatedFromPrimary(metrics);
  const service = await startService(config, { metrics });
  process.send?.({ type: 'gelombang:listening', url: service.url } satisfies ClusterMessage);
  // The primary is gone (killed without draining us): drain and leave rather than linger as an orphan.
  process.once('disconnect', () => {
    service.close().finally(() => process.exit(0));
  });
  return service;
}

function aggregatedFromPrimary(metrics: ServiceMetrics): () => Promise<string> {
  let nextId = 0;
  const pending = new Map<number, (text: string | undefined) => void>();
  process.on('message', (message: ClusterMessage) => {
    if (message?.type !== 'gelombang:metrics') return;
    pending.get(message.id)?.(message.error === undefined ? message.text : undefined);
    pending.delete(message.id);
  });
  return async () => {
    const id = nextId++;
    const text = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(undefined);
      }, METRICS_TIMEOUT_MS);
      pending.set(id, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
      process.send?.({ type: 'gelombang:metrics-request', id } satisfies ClusterMessage);
    });
    // The primary did not answer in time: this worker's own metrics beat none, and say so.
    return (
      text ??
      `# gelombang: cluster aggregation unavailable; this worker only\n${await metrics.registry.metrics()}`
    );
  };
}
