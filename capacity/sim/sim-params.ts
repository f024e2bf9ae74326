// The capacity model as plain numbers per journey step, for the simulation loop (no lookups by name there).
import { DEFAULT_AIMD } from '../../target-service/registry/adaptive-limit.js';
import { JOBS_PER_PERMIT, VERIFY_BATCH_SIZE } from '../../target-service/registry/verification-worker.js';
import { DEFAULT_CONFIG } from '../../target-service/config.js';
import type { CapacityModel, ServiceDistribution, StepDemands } from '../types.js';

export const DIST_EXPONENTIAL = 0;
export const DIST_CONSTANT = 1;
export const DIST_LOGNORMAL = 2;

export interface SimParams {
  stepCount: number;
  cpuDemand: Float64Array;
  hashes: Uint8Array;
  dbDemand: Float64Array;
  callsRegistry: Uint8Array;
  uploadSeconds: Float64Array;
  cpuServers: number;
  poolServers: number;
  dbServers: number;
  cpuDist: number;
  cpuSigma: number;
  hashSeconds: number;
  poolDist: number;
  poolSigma: number;
  dbDist: number;
  dbSigma: number;
  registry: {
    slots: number;
    meanSeconds: number;
    sigma: number;
    queue: boolean;
    maxQueue: number;
    rateLimit: number;
    errorRate: number;
    /** Outage windows in model seconds: [start0, end0, start1, end1, …]. */
    outages: Float64Array;
    retryAfter: number;
    maxInFlight: number;
    /** Service instances: each has its own client, limit and worker. */
    instances: number;
    /** The client's concurrency limit per instance (client.ts, adaptive-limit.ts): the operator's fixed
     *  quota, or 0 = adaptive (AIMD from `limitInitial` up to the bulkhead, × `limitBackoff` on a 429 or
     *  a timeout, held for a 429's Retry-After). */
    limitFixed: number;
    limitInitial: number;
    limitBackoff: number;
    /** Background jobs the verification worker holds per instance: min(batch, perPermit × limit). */
    workerBatch: number;
    workerPerPermit: number;
    timeout: number;
    retries: number;
    backoffBase: number;
    backoffCap: number;
    retryAfterCap: number;
    /** Each instance's circuit breaker: consecutive failures that open it, seconds before a probe. */
    breakerThreshold: number;
    breakerReset: number;
    verifyBase: number;
    verifyCap: number;
    /** The verification worker's poll interval (target-service/config.ts verifyIntervalMs). */
    pollSeconds: number;
  };
  waitingRoom: { enabled: boolean; maxActive: number; maxQueue: number; retryAfter: number };
  shedding: { enabled: boolean; maxQueueSeconds: number; retryAfter: number };
}

function demandOf(demands: StepDemands, step: string): number {
  return (demands[step] ?? demands['*'])?.value ?? 0;
}

function dist(d: ServiceDistribution): [number, number] {
  if (d.kind === 'exponential') return [DIST_EXPONENTIAL, 0];
  if (d.kind === 'constant') return [DIST_CONSTANT, 0];
  return [DIST_LOGNORMAL, d.sigma];
}

export function simParams(model: CapacityModel, steps: readonly string[]): SimParams {
  const n = steps.length;
  const s = model.service;
  const instances = Math.max(1, Math.round(s.instances.value));
  const cores = Math.max(1, s.coresPerInstance.value);
  const r = model.registry;
  const [cpuDist, cpuSigma] = dist(s.cpuDistribution);
  const [poolDist, poolSigma] = dist(model.threadPool.distribution);
  const [dbDist, dbSigma] = dist(model.database.distribution);
  const bandwidth = model.network.uploadBandwidthBytesPerSecond.value;
  return {
    stepCount: n,
    cpuDemand: Float64Array.from(steps, (step) => demandOf(s.cpuDemandSeconds, step)),
    hashes: Uint8Array.from(steps, (step) => (model.threadPool.steps.includes(step) ? 1 : 0)),
    dbDemand: Float64Array.from(steps, (step) => demandOf(model.database.demandSeconds, step)),
    callsRegistry: Uint8Array.from(steps, (step) => (r.steps.includes(step) ? 1 : 0)),
    uploadSeconds: Float64Array.from(steps, (step) =>
      bandwidth > 0 ? demandOf(model.network.uploadBytes, step) / bandwidth : 0,
    ),
    // One event loop per instance; the thread pool runs at most min(pool size, cores) hashes per instance.
    cpuServers: instances,
    poolServers: instances * Math.max(1, Math.floor(Math.min(model.threadPool.size.value, cores))),
    // SQLite: one writer for the one file, whatever the instances; PostgreSQL: a pool per instance.
    dbServers:
      model.database.kind === 'sqlite'
        ? 1
        : instances * Math.max(1, Math.round(model.database.connections.value)),
    cpuDist,
    cpuSigma,
    hashSeconds: model.threadPool.hashSeconds.value,
    poolDist,
    poolSigma,
    dbDist,
    dbSigma,
    registry: {
      slots: Math.max(1, Math.round(r.maxConcurrent.value)),
      meanSeconds: r.latencyMeanSeconds.value,
      sigma: r.latencySigma.value,
      queue: r.overload === 'queue',
      maxQueue: Math.round(r.maxQueue.value),
      rateLimit: r.rateLimitPerSecond.value,
      errorRate: r.errorRate.value,
      outages: Float64Array.from(r.outages.flatMap((w) => [w.startSeconds, w.endSeconds])),
      retryAfter: r.retryAfterSeconds.value,
      maxInFlight: instances * Math.max(1, Math.round(r.client.maxInFlight.value)),
      instances,
      limitFixed: Math.max(0, Math.round(r.client.concurrency?.value ?? 0)),
      limitInitial: Math.min(
        Math.max(1, r.client.initialConcurrency?.value ?? DEFAULT_AIMD.initial),
        Math.max(1, Math.round(r.client.maxInFlight.value)),
      ),
      limitBackoff: DEFAULT_AIMD.backoffRatio,
      workerBatch: VERIFY_BATCH_SIZE,
      workerPerPermit: JOBS_PER_PERMIT,
      timeout: r.client.timeoutSeconds.value,
      retries: Math.max(0, Math.round(r.client.retries.value)),
      backoffBase: r.client.backoffBaseSeconds.value,
      backoffCap: r.client.backoffCapSeconds.value,
      retryAfterCap: r.client.retryAfterCapSeconds.value,
      breakerThreshold: Math.max(
        1,
        Math.round(
          r.client.breakerFailureThreshold?.value ?? DEFAULT_CONFIG.registry.breakerFailureThreshold,
        ),
      ),
      breakerReset: r.client.breakerResetSeconds?.value ?? DEFAULT_CONFIG.registry.breakerResetMs / 1000,
      verifyBase: r.verification.retryBaseSeconds.value,
      verifyCap: r.verification.retryCapSeconds.value,
      pollSeconds: DEFAULT_CONFIG.verifyIntervalMs / 1000,
    },
    waitingRoom: {
      enabled: model.waitingRoom.enabled,
      maxActive: Math.max(1, Math.round(model.waitingRoom.maxActive.value)),
      maxQueue: Math.round(model.waitingRoom.maxQueue.value),
      retryAfter: model.waitingRoom.retryAfterSeconds.value,
    },
    shedding: {
      enabled: model.loadShedding.enabled,
      maxQueueSeconds: model.loadShedding.maxQueueSeconds.value,
      retryAfter: model.loadShedding.retryAfterSeconds.value,
    },
  };
}
