// The population-registry stub (Dukcapil's NIK check, simulated): a Fastify app whose latency,
// capacity, errors and outages follow a StubBehaviour that can change while it runs.
// Slowness is simulated with timers, never by busy work: a slow registry must not block the event loop.
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { generatedPopulation } from './default-population.js';
import { type PopulationSource, compareWithRecord } from './population.js';
import { lognormalByMean, stubRng } from './seeded-random.js';
import { CapacityGate } from './stub-capacity.js';
import {
  DEFAULT_STUB_BEHAVIOUR,
  type StubBehaviour,
  StubBehaviourError,
  inOutage,
  validateBehaviour,
} from './stub-behaviour.js';
import { type StubOutcome, createStubMetrics } from './stub-metrics.js';
import type { RegistryQuery } from './types.js';

export interface RegistryStubOptions {
  /** Who the registry knows. Default: the generators' registryRecord(seed, nik). */
  population?: PopulationSource;
  /** Seeds the latency and error draws (and the default population). Default 1. */
  seed?: number;
  behaviour?: Partial<StubBehaviour>;
  /** Milliseconds on any monotonic scale, for outage windows; tests pass a fake one. */
  clock?: () => number;
  /** Fastify logger options; off by default. Request logging is always off: URLs carry NIKs. */
  logger?: boolean | Record<string, unknown>;
}

export interface StubControls {
  behaviour(): StubBehaviour;
  /** Validates and merges; throws StubBehaviourError naming the bad field. Returns the new behaviour. */
  setBehaviour(partial: Partial<StubBehaviour>): StubBehaviour;
}

export type RegistryStubApp = FastifyInstance & { stub: StubControls };

const NIK_PATTERN = '^[0-9]{16}$';
const VERIFY_BODY = {
  type: 'object',
  required: ['nik', 'fullName', 'birthDate'],
  properties: {
    nik: { type: 'string', pattern: NIK_PATTERN },
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    birthDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  },
} as const;

type Answer = { status: number; body: unknown; outcome: StubOutcome };

export function buildRegistryStub(opts: RegistryStubOptions = {}): RegistryStubApp {
  const seed = opts.seed ?? 1;
  const population = opts.population ?? generatedPopulation(seed);
  const rng = stubRng(seed);
  const clock = opts.clock ?? (() => performance.now());
  const startedAt = clock();
  let behaviour: StubBehaviour = { ...DEFAULT_STUB_BEHAVIOUR, ...validateBehaviour(opts.behaviour ?? {}) };

  const metrics = createStubMetrics();
  const gate = new CapacityGate(
    () => behaviour,
    (inFlight, queued) => {
      metrics.inFlight.set(inFlight);
      metrics.queueLength.set(queued);
    },
  );

  const controls: StubControls = {
    behaviour: () => structuredClone(behaviour),
    setBehaviour(partial) {
      behaviour = { ...behaviour, ...validateBehaviour(partial) };
      gate.drain(); // a raised maxConcurrent admits waiting calls now
      return controls.behaviour();
    },
  };

  const app: FastifyInstance = Fastify({
    logger: opts.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorate('stub', controls);

  /** Outage and capacity first (fast refusals), then the simulated service time, then the error draw. */
  async function serve(
    route: 'verify' | 'lookup',
    reply: FastifyReply,
    answer: () => Answer,
  ): Promise<unknown> {
    const arrived = performance.now();
    const result = await decide(reply, answer);
    metrics.requests.inc({ route, outcome: result.outcome });
    metrics.duration.observe({ route }, (performance.now() - arrived) / 1000);
    if (result.status === 429 || result.status === 503) {
      reply.header('retry-after', String(behaviour.retryAfterSeconds));
    }
    return reply.code(result.status).send(result.body);
  }

  async function decide(reply: FastifyReply, answer: () => Answer): Promise<Answer> {
    if (behaviour.down || inOutage(behaviour.outages, clock() - startedAt)) {
      return { status: 503, body: { error: 'registry unavailable' }, outcome: 'unavailable' };
    }
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    if ((await gate.acquire(gone.signal)) === 'rejected') {
      return { status: 429, body: { error: 'registry over capacity' }, outcome: 'overloaded' };
    }
    try {
      const latencyMs = lognormalByMean(rng, behaviour.latencyMeanMs, behaviour.latencySigma);
      if (latencyMs > 0) await sleep(latencyMs);
      if (behaviour.errorRate > 0 && rng.float() < behaviour.errorRate) {
        return { status: 500, body: { error: 'registry internal error' }, outcome: 'error' };
      }
      return answer();
    } finally {
      gate.release();
    }
  }

  app.post(
    '/v1/nik/verify',
    { schema: { body: VERIFY_BODY }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) return badRequest('verify', reply, request.validationError.message);
      const query = request.body as RegistryQuery;
      return serve('verify', reply, () => {
        const verdict = compareWithRecord(query, population(query.nik));
        return { status: 200, body: verdict, outcome: verdict.outcome };
      });
    },
  );

  app.get(
    '/v1/nik/:nik',
    {
      schema: { params: { type: 'object', properties: { nik: { type: 'string', pattern: NIK_PATTERN } } } },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) return badRequest('lookup', reply, 'nik must be 16 digits');
      const { nik } = request.params as { nik: string };
      return serve('lookup', reply, () => {
        const record = population(nik);
        return record === undefined
          ? { status: 404, body: { outcome: 'not-found' }, outcome: 'not-found' }
          : { status: 200, body: record, outcome: 'found' };
      });
    },
  );

  function badRequest(route: 'verify' | 'lookup', reply: FastifyReply, message: string): FastifyReply {
    metrics.requests.inc({ route, outcome: 'bad-request' });
    return reply.code(400).send({ error: message });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/admin/behaviour', { onRequest: loopbackOnly }, async () => controls.behaviour());

  app.put('/admin/behaviour', { onRequest: loopbackOnly }, async (request, reply) => {
    try {
      return controls.setBehaviour(request.body as Partial<StubBehaviour>);
    } catch (err) {
      if (err instanceof StubBehaviourError)
        return reply.code(400).send({ error: err.message, code: err.code });
      throw err;
    }
  });

  return app as RegistryStubApp;
}

/** Behaviour changes are an operator's tool: refuse them from anywhere but this machine. */
async function loopbackOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const address = request.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  if (!loopback) await reply.code(403).send({ error: 'admin routes answer only on loopback' });
}
